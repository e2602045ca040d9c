"""A recruiter posts a job through the form, finds it in search within a second,
and opens what its posting gathers (candidates, applicants); a posting whose title
holds <script> shows it as text everywhere."""

import time
import uuid
from datetime import date, timedelta

from selenium.webdriver.support.ui import Select

from journeys import check_page, sign_in


def letters() -> str:
    """A word of its own (letters only: digits would be split off by the indexer)."""
    return "".join(chr(ord("a") + int(digit, 16) % 26) for digit in uuid.uuid4().hex[:10])


def post_job(browser, title: str, language: str = "fr", **fields) -> str:
    """Fills and sends the posting form; the id of the posting made."""
    browser.open(f"/{language}/recruiter/postings/new")
    check_page(browser, language)
    values = {
        "title": title, "requisition": "BROWSER-" + uuid.uuid4().hex[:12],
        "description": "Swift, PostgreSQL et Xapian.\n\nÉquipe de six personnes.", "city": "Toulouse",
        "postal_code": "31000", "salary_min": "48000", "salary_max": "60000",
        "valid_through": (date.today() + timedelta(days=45)).isoformat(), "skills": "Swift, PostgreSQL",
        "country": "FR", "language": language,
    }
    values.update(fields)
    for name, value in values.items():
        field = browser.find(f"[data-test=posting-form] [name={name}]")
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        elif field.get_attribute("type") == "date":
            # A date input takes the locale's order when typed: set its value as the form sends it.
            browser.driver.execute_script("arguments[0].value = arguments[1]", field, value)
        else:
            field.clear()
            field.send_keys(value)
    browser.submit("[data-test=posting-form]")
    check_page(browser, language)
    assert browser.path.startswith(f"/{language}/recruiter/postings?posted="), browser.path
    return browser.path.rsplit("=", 1)[1]


def test_a_recruiter_posts_a_job_finds_it_in_search_within_a_second_and_opens_its_candidates(browser):
    sign_in(browser, "recruiter", "fr")
    browser.click("[data-test=nav-recruiter-postings]")
    check_page(browser, "fr")
    browser.screenshot("fr-recruiter-postings")
    word = "Zorglub" + letters()
    job = post_job(browser, f"Développeuse Swift {word}")
    posted = time.monotonic()
    assert browser.find("[data-test=recruiter-notice]")

    # Searchable within a second of the form's answer.
    found = False
    while not found and time.monotonic() - posted < 1.0:
        browser.open(f"/fr/jobs?q={word}&country=FR")
        found = any(link.get_attribute("href").endswith(f"/fr/jobs/{job}")
                    for link in browser.find_all("[data-test=result-link]"))
    elapsed = time.monotonic() - posted
    assert found, f"posting {job} not found by search {elapsed:.2f} s after it was posted"
    check_page(browser, "fr")
    browser.screenshot("fr-search-new-posting")

    browser.open(f"/fr/recruiter/postings/{job}/applicants")
    check_page(browser, "fr")
    assert browser.find("[data-test=applicants-empty]")
    # Its candidates, from the posting's list, as the recruiter would go there.
    browser.open("/fr/recruiter/postings")
    browser.click(f"[data-test=posting][data-id='{job}'] [data-test=posting-candidates]")
    check_page(browser, "fr")
    assert browser.path == f"/fr/recruiter/postings/{job}/candidates"
    assert browser.find("[data-test=candidates-count]").text
    for candidate in browser.find_all("[data-test=candidate]"):
        assert candidate.find_element("css selector", "[data-test=candidate-score]").text
        assert candidate.find_element("css selector", "[data-test=candidate-referral]").text
    browser.screenshot("fr-recruiter-candidates")


def test_a_refused_posting_form_shows_its_messages_next_to_the_fields(browser):
    # The form comes back with 422, which Chromium notes in the console as a failed load.
    browser.allow_console(r"/de/recruiter/postings/new - Failed to load resource: .* 422 ")
    sign_in(browser, "recruiter", "de")
    browser.open("/de/recruiter/postings/new")
    browser.fill("[name=salary_min]", "60000")
    browser.fill("[name=salary_max]", "40000")
    browser.submit("[data-test=posting-form]")
    check_page(browser, "de")
    for field in ["title", "requisition", "description", "salary_max"]:
        message = browser.find(f"[data-test=error-{field}]")
        described = browser.find(f"[name={field}]").get_attribute("aria-describedby")
        assert message.get_attribute("id") in described.split(), field
    assert not browser.find_all("[data-test=error-city]")
    browser.screenshot("de-recruiter-form-errors")


def test_a_title_holding_script_shows_as_text(browser):
    sign_in(browser, "recruiter", "en")
    marker = letters()
    title = f"<script>window.pwned='{marker}'</script> Data <b>engineer</b> {marker}"
    job = post_job(browser, title, language="en", description="<p>Data</p><script>window.pwned=1</script>")
    for path in [f"/en/jobs/{job}", f"/en/jobs?q={marker}&country=FR", "/en/recruiter/postings",
                 f"/en/recruiter/postings/{job}/edit"]:
        deadline = time.monotonic() + 2
        browser.open(path)
        while path.startswith("/en/jobs?") and not browser.find_all("[data-test=result]") \
                and time.monotonic() < deadline:
            browser.open(path)
        assert browser.driver.execute_script("return window.pwned === undefined"), f"{path} ran the title's script"
        assert browser.driver.execute_script(
            "return document.querySelectorAll('main script').length") == 0, path
        if path == f"/en/jobs/{job}":
            assert browser.find("[data-test=job-title]").text == title
            browser.screenshot("en-job-script-title")
        elif path.startswith("/en/jobs?"):
            assert title in browser.find("[data-test=result-link]").text
        else:
            assert title in browser.body_text or browser.find("[name=title]").get_attribute("value") == title
