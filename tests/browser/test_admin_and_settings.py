"""The company admin finds talent through its employees' networks; a new member
sets its privacy, downloads its data and deletes its account."""

import json
import urllib.request
import uuid

from journeys import check_page, sign_in


def test_an_admin_finds_talent_through_its_employees(browser):
    sign_in(browser, "admin", "en")
    browser.click("[data-test=nav-admin-talent]")
    check_page(browser, "en")
    browser.fill("[data-test=talent-query]", "developer")
    browser.submit("[data-test=talent-form]")
    check_page(browser, "en")
    talents = browser.find_all("[data-test=talent]")
    assert talents, "no talent within reach for developer"
    first = talents[0]
    assert first.find_element("css selector", "[data-test=talent-degree]").text in ("1st degree", "2nd degree")
    bridge = first.find_element("css selector", "[data-test=talent-bridges] li").text
    assert bridge.startswith("Knows ") or " knows them through " in bridge, bridge
    browser.screenshot("en-admin-talent-developer")


def test_a_new_member_sets_privacy_downloads_its_data_and_deletes_its_account(browser, service):
    email = f"browser-{uuid.uuid4().hex[:10]}@example.org"
    browser.open("/fr/signup")
    browser.fill("[data-test=signup-name]", "Camille Essai")
    browser.fill("[data-test=signup-email]", email)
    browser.fill("[data-test=signup-password]", "un mot de passe assez long")
    browser.submit("[data-test=signup-form]")
    assert browser.find_all("[data-test=logout]"), "signing up did not sign in"

    browser.click("[data-test=nav-settings]")
    check_page(browser, "fr")
    browser.find("[data-test=open-to-work]").click()
    browser.find("[data-test=visibility-network]").click()
    browser.find("[data-test=hide-connections]").click()
    browser.submit("[data-test=privacy-form]")
    check_page(browser, "fr")
    assert browser.find("[data-test=settings-saved]")
    assert browser.find("[data-test=open-to-work]").is_selected()
    assert browser.find("[data-test=visibility-network]").is_selected()
    assert browser.find("[data-test=hide-connections]").is_selected()
    browser.screenshot("fr-settings-saved")

    # The download, with the browser's own session cookie.
    href = browser.find("[data-test=export]").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie})) as answer:
        assert answer.headers["Content-Disposition"] == 'attachment; filename="passerelle-export.json"'
        export = json.load(answer)
    assert export["account"]["email"] == email
    assert export["member"]["open_to_work"] is True
    assert export["member"]["profile_visibility"] == "network"

    browser.click("[data-test=delete-account]")
    check_page(browser, "fr")
    browser.screenshot("fr-settings-delete")
    browser.find("[data-test=delete-confirm]").click()
    browser.submit("[data-test=delete-form]")
    check_page(browser, "fr")
    assert browser.find("[data-test=account-deleted]")
    assert not browser.find_all("[data-test=logout]")
    status, _, _ = service.request("POST", "/api/v1/auth/login", {"email": email, "password": "un mot de passe assez long"})
    assert status == 401
