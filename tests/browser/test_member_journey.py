"""A member looks for work: searches in French and in German, narrows the search
with a facet, opens a job, and asks a connection who works there for a referral."""

from journeys import check_page, job_with_referrer, sign_in


def result_count(browser) -> int:
    return len(browser.find_all("[data-test=result]"))


def test_a_member_searches_in_french_and_german_clicks_a_facet_and_opens_a_job(browser):
    sign_in(browser, "toulouse", "fr")
    browser.open("/fr/jobs?q=ing%C3%A9nieur&country=FR")
    check_page(browser, "fr")
    assert result_count(browser) > 0, "no French result for ingénieur"
    browser.screenshot("fr-search-ingenieur")
    before = browser.find("[data-test=result-count]").text

    # A facet is a link with its count: following it narrows the results to that value.
    facet = browser.find("[data-test=facets] a[data-value]")
    value = facet.get_attribute("data-value")
    browser.navigate(facet.click)
    check_page(browser, "fr")
    selected = browser.find("[data-test=facets] a[aria-current]")
    assert selected.get_attribute("data-value") == value
    assert browser.find("[data-test=result-count]").text != before or result_count(browser) > 0
    assert result_count(browser) > 0, f"the facet {value!r} left no result"
    browser.screenshot("fr-search-facet")

    # In German, with the switcher: "Munchen" finds München (no accents needed).
    browser.click("[data-test=lang-de]")
    assert browser.path.startswith("/de/")
    browser.open("/de/jobs?q=Entwickler&country=DE")
    check_page(browser, "de")
    assert result_count(browser) > 0, "no German result for Entwickler"
    browser.screenshot("de-search-entwickler")

    browser.click("[data-test=result-link]")
    check_page(browser, "de")
    title = browser.find("[data-test=job-title]").text
    assert title
    ld = browser.driver.execute_script(
        "return JSON.parse(document.getElementById('job-posting-ld').textContent)")
    assert ld["@type"] == "JobPosting"
    assert ld["title"] == title
    browser.screenshot("de-job")


def test_a_member_asks_a_connection_for_a_referral(browser, service):
    job, referrer = job_with_referrer(service, "toulouse", "FR")
    sign_in(browser, "toulouse", "fr")
    browser.open(f"/fr/jobs/{job}")
    check_page(browser, "fr")
    assert browser.find("[data-test=network-badge]").text
    browser.find(f"[data-test=referral-who] option[value='{referrer}']").click()
    browser.fill("#referral-message", "Bonjour, pourrais-tu me recommander pour ce poste ?")
    browser.screenshot("fr-job-referral")
    browser.submit("[data-test=referral-form]")
    check_page(browser, "fr")
    assert browser.find_all(".notice[role=status]"), "no confirmation after asking for a referral"

    # The request is there, to the connection chosen, as the API lists it.
    status, _, answer = service.request(
        "GET", "/api/v1/members/me/referral-requests?box=sent&per_page=100", token=service.token("toulouse"))
    assert status == 200, answer
    asked = [(request["job"]["id"], request["referrer"]["id"], request["status"]) for request in answer["results"]]
    assert (str(job), referrer, "pending") in asked, asked
