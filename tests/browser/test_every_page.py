"""Every page in each of the seven languages: it renders in its language with no
missing translation key and no console error; the main pages also at 375 px wide
(a phone) without a horizontal scroll. Screenshots of the main pages are artifacts."""

import pytest

from browser import PHONE_WIDTH
from journeys import LANGUAGES, check_page, sign_in


@pytest.fixture(scope="module")
def ids(service):
    """Ids the pages need: a posting of the recruiter's company, the admin's company."""
    status, _, search = service.request("GET", "/api/v1/jobs/search?q=company:charles&country=FR&per_page=1")
    assert status == 200 and search["results"], search
    return {"job": search["results"][0]["id"]}


# (who, path after /{lang}/, screenshot name or None)
PUBLIC = [
    ("", None, "home"),
    ("jobs?q=data&country=FR", None, "search"),
    ("jobs/{job}", None, "job"),
    ("login", None, "login"),
    ("signup", None, "signup"),
    ("settings/deleted", None, None),
]
MEMBER = [
    ("me", "toulouse", "profile"),
    ("me/cv", "toulouse", "cv-editor"),
    ("network", "toulouse", "network"),
    ("me/applications", "toulouse", "applications"),
    ("me/referrals", "toulouse", "referrals"),
    ("settings", "toulouse", "settings"),
    ("settings/delete", "toulouse", None),
]
RECRUITER = [
    ("recruiter/postings", "recruiter", "recruiter-postings"),
    ("recruiter/postings/new", "recruiter", "recruiter-new-posting"),
    ("recruiter/postings/{job}/edit", "recruiter", None),
    ("recruiter/postings/{job}/applicants", "recruiter", "recruiter-applicants"),
    ("recruiter/postings/{job}/candidates", "recruiter", "recruiter-candidates"),
]
ADMIN = [
    ("{talent}?q=developer", "admin", "admin-talent"),
]


def pages_of(group):
    return [pytest.param(entry, id=entry[0] or "home") for entry in group]


def visit_in_every_language(browser, ids, path, account, shot):
    values = {"job": ids["job"]}
    if account:
        sign_in(browser, account, "en")
    if "{talent}" in path:
        # The admin's own company, as the navigation links to it.
        href = browser.find("[data-test=nav-admin-talent]").get_attribute("href")
        values["talent"] = href.split("/en/", 1)[1]
    path = path.format(**values)
    for language in LANGUAGES:
        browser.open(f"/{language}/{path}")
        check_page(browser, language)
        if shot and language in ("fr", "zh"):
            browser.screenshot(f"{language}-{shot}")
    if shot:
        browser.open(f"/fr/{path}")
        browser.set_width(PHONE_WIDTH)
        assert browser.horizontal_overflow() == 0, f"{browser.path} scrolls sideways at {PHONE_WIDTH} px"
        browser.screenshot(f"fr-{shot}-375px")


@pytest.mark.parametrize("entry", pages_of(PUBLIC + MEMBER + RECRUITER + ADMIN))
def test_every_page_renders_in_seven_languages_without_missing_keys(browser, ids, entry):
    path, account, shot = entry
    visit_in_every_language(browser, ids, path, account, shot)
