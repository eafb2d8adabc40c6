import re


def confirm(client, url, check_page):
    """Press the confirm button on a check-your-answers page."""
    submission = re.search(r'name="submission" value="([0-9a-f]+)"', check_page.content.decode()).group(1)
    return client.post(url, {"confirm": "1", "submission": submission})
