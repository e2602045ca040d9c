"""What the browser tests do as a person would: sign in through the form, read a
page's language and missing keys, look for a job through the API when a test
needs one with a given property (a connection who can refer, say)."""

from service import ACCOUNTS

LANGUAGES = ["fr", "en", "de", "es", "it", "pt", "zh"]
MISSING_KEY = "⟦"


def sign_in(browser, account: str, language: str = "en") -> None:
    email, password = ACCOUNTS[account]
    browser.open(f"/{language}/login")
    browser.fill("[data-test=login-email]", email)
    browser.fill("[data-test=login-password]", password)
    browser.submit("[data-test=login-form]")
    browser.wait_until(lambda: "/login" not in browser.path, f"signing in as {email} left the sign-in page")
    assert browser.find_all("[data-test=logout]"), f"no sign-out button after signing in as {email}"


def check_page(browser, language: str) -> None:
    """The page is in `language`, has its heading, and no missing translation key."""
    assert browser.driver.execute_script("return document.documentElement.lang") == language, browser.path
    assert browser.find_all("h1"), f"{browser.path} has no h1"
    html = browser.html
    if MISSING_KEY in html:
        start = html.index(MISSING_KEY)
        raise AssertionError(f"{browser.path} shows a missing key: {html[start:start + 80]!r}")
    assert not browser.find_all("[data-test=error]"), f"{browser.path} is an error page"


def job_with_referrer(service, account: str, country: str) -> tuple[str, str]:
    """A job of `country` the member knows someone at, directly (a connection who can
    refer it), found through the JSON API: (job id, referrer's member id)."""
    token = service.token(account)
    status, _, answer = service.request(
        "GET", f"/api/v1/jobs/search?in_network=true&country={country}&per_page=50", token=token)
    assert status == 200, answer
    for result in answer["results"]:
        if (result.get("network") or {}).get("best_degree") != 1:
            continue
        status, _, referrers = service.request("GET", f"/api/v1/jobs/{result['id']}/referrers", token=token)
        assert status == 200, referrers
        for referrer in referrers["referrers"]:
            if referrer.get("degree") == 1:
                return result["id"], referrer["employee"]["id"]
    raise AssertionError(f"no job in {country} where {account} knows an employee directly")
