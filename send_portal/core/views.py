from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .glossary import GLOSSARY
from .health import health_report
from .home import home_context


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/start.html")
    return render(request, "core/home.html", home_context(request.user))


@never_cache
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == "down" else 200)


def glossary(request):
    terms = [{"acronym": key, "meaning": value[0], "description": value[1]} for key, value in sorted(GLOSSARY.items())]
    return render(request, "core/glossary.html", {"terms": terms})


def static_page(template_name):
    def view(request):
        return render(request, template_name)

    view.__name__ = template_name.replace("/", "_").removesuffix(".html")
    return view


# The browser's timer can run a few seconds ahead of the server's clock.
_TIMER_MARGIN_SECONDS = 30


def session_timed_out(request):
    from django.contrib.auth import logout
    from django.shortcuts import redirect

    from send_portal.accounts.middleware import idle_timeout_seconds, seconds_idle

    if request.user.is_authenticated:
        if seconds_idle(request) < idle_timeout_seconds(request.user) - _TIMER_MARGIN_SECONDS:
            return redirect("home")  # another tab kept the session alive
        logout(request)
    return render(request, "core/timed_out.html")


@require_POST
def session_keep_alive(request):
    # The idle-timeout middleware has already refreshed the session's last-seen time by the time we get here.
    return JsonResponse({"status": "ok"})
