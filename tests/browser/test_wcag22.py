"""C-43 and C-41: the WCAG 2.2 criteria that axe cannot judge, scripted in real Chromium, and axe at 320 px.

- Focus Not Obscured (2.4.11): tabbing through a page, the point at the centre of each focused element belongs to
  that element, so nothing (a banner, a dialog, a sticky header) covers it.
- Accessible Authentication (3.3.8): sign-in and one-time-code fields accept a real paste and carry the autocomplete
  a password manager needs.
- Consistent Help (3.2.6): the help link sits in the same landmark, in the same place, on every page.
- Redundant Entry (3.3.7): going back to change an answer shows what was already entered.
- Reflow (1.4.10) with axe: key pages and their error states at a 320 px wide viewport pass axe and need no
  sideways scrolling.
"""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from ehc.models import EHCCase
from tests import factories
from tests.browser.axe import axe_violations
from tests.targets import policy_targets

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 60

# The centre of the focused element, and whether what is drawn there is the element itself (or inside it).
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return {name: el.outerHTML.slice(0, 80), ok: true};
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const ok = hit !== null && (hit === el || el.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL');
  return {name: el.outerHTML.slice(0, 80), ok: ok, hit: hit ? hit.outerHTML.slice(0, 80) : null};
}"""


def _obscured_focus_stops(page):
    """Tab through the page; return the stops whose centre is covered by something else, and how many stops."""
    page.locator("body").focus()
    obscured, stops, first = [], 0, None
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_VISIBLE)
        if state is None:
            continue
        if state["name"] == first:
            break  # back to the start
        first = first or state["name"]
        stops += 1
        if not state["ok"]:
            obscured.append(f"{page.url}: {state['name']} covered by {state['hit']}")
    return obscured, stops


def test_focus_is_never_obscured(transactional_db, live_server, page, sign_in_browser, world):
    kwargs, _, _ = policy_targets(world, only="child_detail")["child_detail"]
    visits = [
        (None, reverse("home")), (None, reverse("account_login")), (None, reverse("local_offer_search")),
        (world.caseworker, reverse("home")), (world.caseworker, reverse("child_detail", kwargs=kwargs)),
        (world.caseworker, reverse("child_register")), (world.parent_a, reverse("home")),
    ]
    obscured, total = [], 0
    for user, url in visits:
        sign_in_browser(user)
        page.goto(live_server.url + url)
        found, stops = _obscured_focus_stops(page)
        assert stops > 3, f"{url}: only {stops} focus stops reached"
        obscured += found
        total += stops
    print(f"C-43 focus not obscured: {len(obscured)} of {total} focus stops obscured on {len(visits)} pages")
    assert obscured == []


def _paste(page, locator, text):
    """A real, trusted paste (Control+V from the clipboard), as a person or a password manager does it."""
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    locator.fill("")
    locator.focus()
    page.keyboard.press("Control+V")
    return locator.input_value()


def test_sign_in_fields_accept_paste_and_say_what_they_are(transactional_db, live_server, page, context, world):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    fields = []
    page.goto(live_server.url + reverse("account_login"))
    email, password = page.get_by_label("Email"), page.get_by_role("textbox", name="Password")
    fields += [(email, "email", world.caseworker.email), (password, "current-password", factories.PASSWORD)]
    results = [(field.get_attribute("autocomplete"), _paste(page, field, value) == value)
               for field, _, value in fields]
    page.get_by_role("button", name="Sign in").click()

    # Staff have an authenticator, so the next step asks for its code.
    page.wait_for_url(re.compile(r".*/2fa/authenticate/.*"))
    code = page.get_by_role("textbox", name=re.compile("code", re.I))
    fields.append((code, "one-time-code", "123456"))
    results.append((code.get_attribute("autocomplete"), _paste(page, code, "123456") == "123456"))
    assert Authenticator.objects.filter(user=world.caseworker).exists()

    page.goto(live_server.url + reverse("account_signup"))
    for label, autocomplete in [("Email", "email"), (re.compile("^Password$"), "new-password")]:
        field = page.get_by_label(label).first if isinstance(label, str) else page.get_by_role("textbox", name=label)
        fields.append((field, autocomplete, "plum-orchard-lantern"))
        results.append((field.get_attribute("autocomplete"), _paste(page, field, "plum-orchard-lantern")
                        == "plum-orchard-lantern"))
    expected = [(autocomplete, True) for _, autocomplete, _ in fields]
    print(f"C-43 accessible authentication: {sum(pasted for _, pasted in results)} of {len(results)} "
          f"sign-in fields accept paste; autocomplete {[a for a, _ in results]}")
    assert results == expected


HELP_POSITION = """() => {
  const where = [];
  for (const landmark of document.querySelectorAll('header, nav, main, footer, [role=banner], [role=contentinfo]')) {
    const links = [...landmark.querySelectorAll('a')];
    links.forEach((link, index) => {
      if (new URL(link.href).pathname !== HELP) return;
      where.push([landmark.tagName, links.length - index, link.textContent.trim()]);
    });
  }
  return where.filter(([tag]) => tag !== 'MAIN');
}"""


def test_help_is_in_the_same_place_on_every_page(transactional_db, live_server, page, sign_in_browser, world):
    kwargs, _, _ = policy_targets(world, only="child_detail")["child_detail"]
    child = reverse("child_detail", kwargs=kwargs)
    script = HELP_POSITION.replace("HELP", repr(reverse("help")))
    pages = {
        "anonymous": [reverse(name) for name in ["home", "account_login", "glossary", "accessibility",
                                                 "local_offer_home", "local_offer_search"]],
        "caseworker": [*(reverse(name) for name in ["home", "child_list", "ehc_case_list", "ehc_work_tray", "help"]),
                       child],
        "parent_a": [*(reverse(name) for name in ["home", "child_list", "ehc_case_list", "help"]), child],
    }
    deviations, checked = [], 0
    for role, urls in pages.items():
        sign_in_browser(None if role == "anonymous" else world.users[role])
        positions = {}
        for url in urls:
            page.goto(live_server.url + url)
            # Each help link as (landmark, place counted from the landmark's last link, text): counted from the end,
            # as the links before it change with the person and the page.
            positions[url] = page.evaluate(script)
            checked += 1
        first = positions[urls[0]]
        assert first, f"no help link in the header or footer of {urls[0]}"
        deviations += [f"{role}: {url} has help at {where}, {urls[0]} at {first}"
                       for url, where in positions.items() if where != first]
    print(f"C-43 consistent help: {len(deviations)} deviations over {checked} pages")
    assert deviations == []


def test_changing_an_answer_shows_what_was_entered(transactional_db, live_server, page, sign_in_browser, world):
    sign_in_browser(world.caseworker)
    page.goto(live_server.url + reverse("child_register"))
    answers = {"First name": "Mo", "Last name": "Nguyen", "Day": "14", "Month": "3", "Year": "2017"}
    for label, value in answers.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Male", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    page.get_by_role("link", name=re.compile("^Change")).first.click()
    shown = {label: page.get_by_label(label).input_value() for label in answers}
    re_asked = [label for label, value in answers.items() if shown[label] != value]
    if not page.get_by_label("Male", exact=True).is_checked():
        re_asked.append("Sex")

    # The EHC needs assessment request: a draft opened again keeps its answers.
    sign_in_browser(world.senco_a)
    page.goto(live_server.url + reverse("ehc_request_new"))
    page.get_by_label(world.child_a.full_name, exact=False).check()
    page.get_by_role("button", name="Continue").click()
    reason = "Why does the school think an assessment is needed?"
    page.get_by_label(reason).fill("Reading remains far behind.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text("has been saved").wait_for()
    page.goto(live_server.url + reverse("ehc_request_edit", args=[EHCCase.objects.get().pk]))
    if page.get_by_label(reason).input_value() != "Reading remains far behind.":
        re_asked.append(reason)
    print(f"C-43 redundant entry: {len(re_asked)} of {len(answers) + 2} answers asked again")
    assert re_asked == []


def test_key_pages_and_error_states_pass_axe_at_320_pixels(transactional_db, live_server, page, sign_in_browser,
                                                           world):
    page.set_viewport_size({"width": 320, "height": 640})
    kwargs, _, _ = policy_targets(world, only="child_detail")["child_detail"]
    failures, checked = [], 0

    def check():
        nonlocal checked
        checked += 1
        failures.extend(axe_violations(page))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            failures.append(f"{page.url}: {width} px wide at a 320 px viewport (needs sideways scrolling)")

    for name in ["home", "account_login", "help", "local_offer_home", "local_offer_search"]:
        page.goto(live_server.url + reverse(name))
        check()
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_role("button", name="Sign in").click()
    page.locator(".govuk-error-summary").wait_for()
    check()
    sign_in_browser(world.caseworker)
    for url in [reverse("home"), reverse("child_list"), reverse("child_detail", kwargs=kwargs)]:
        page.goto(live_server.url + url)
        check()
    page.goto(live_server.url + reverse("child_register"))
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    check()
    print(f"C-41 axe at 320 px: {len(failures)} problems on {checked} pages and error states")
    assert failures == [], "\n".join(failures)
