"""The harness itself: the service it started answers in the browser, a console error
is caught, the width check sees a page wider than a phone."""

from browser import PHONE_WIDTH


def test_the_service_answers_health_in_the_browser(browser, service):
    browser.open("/health")
    assert browser.path == "/health"
    status, _, _ = service.request("GET", "/health")
    assert status == 200


def test_a_console_error_is_caught(browser):
    browser.open("/health")
    browser.driver.execute_script("console.error('harness: an error on purpose')")
    errors = browser.console_errors()
    assert len(errors) == 1
    assert errors[0]["message"].endswith('"harness: an error on purpose"')
    browser.allow_console("harness: an error on purpose")
    assert browser.console_errors() == []


def test_the_width_check_sees_a_page_wider_than_a_phone(browser):
    browser.open("/health")
    browser.set_width(PHONE_WIDTH)
    assert browser.horizontal_overflow() == 0
    browser.driver.execute_script(
        "const wide = document.createElement('div'); wide.style.width = '600px'; wide.style.height = '1px';"
        "document.body.appendChild(wide);")
    assert browser.horizontal_overflow() > 0
