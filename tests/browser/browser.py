"""Headless Chromium through Selenium, with what every test needs: pages opened and
waited for, the browser's console collected (an error there fails the test),
screenshots written as artifacts, and the width checks of a phone."""

import re
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

DESKTOP = (1280, 900)
PHONE_WIDTH = 375


def start_chromium(binary: str, chromedriver: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in a container has no user namespaces for Chromium's sandbox
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--lang=en-GB",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(argument)
    # The console, every level, for get_log("browser").
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=DriverService(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    return driver


class Browser:
    """One test's view of the shared Chromium."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, artifacts: Path, test_name: str):
        self.driver = driver
        self.base_url = base_url
        self.artifacts = artifacts
        self.test_name = test_name
        self.console: list[dict] = []
        self.allowed_console: list[re.Pattern] = []

    # Pages

    def open(self, path: str) -> "Browser":
        self.driver.get(self.base_url + path)
        self.wait_loaded()
        self.collect_console()
        return self

    def wait_loaded(self, timeout: float = 15) -> None:
        WebDriverWait(self.driver, timeout, ignored_exceptions=(WebDriverException,)).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")

    def wait_for(self, css: str, timeout: float = 15):
        try:
            return WebDriverWait(self.driver, timeout).until(
                expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))
        except TimeoutException:
            raise AssertionError(f"no {css!r} on {self.path} within {timeout} s") from None

    def wait_until(self, condition, message: str, timeout: float = 15):
        try:
            return WebDriverWait(self.driver, timeout).until(lambda _: condition())
        except TimeoutException:
            raise AssertionError(f"{message} (on {self.path}, waited {timeout} s)") from None

    @property
    def path(self) -> str:
        url = self.driver.current_url
        return url[len(self.base_url):] if url.startswith(self.base_url) else url

    @property
    def html(self) -> str:
        return self.driver.page_source

    @property
    def body_text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def find(self, css: str):
        elements = self.driver.find_elements(By.CSS_SELECTOR, css)
        if not elements:
            raise AssertionError(f"no {css!r} on {self.path}")
        return elements[0]

    def find_all(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css: str, value: str) -> None:
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def click(self, css: str) -> None:
        """Follows a link or presses a button that loads another page, and waits for it."""
        self.navigate(lambda: self.find(css).click())

    def submit(self, form_css: str) -> None:
        """Submits a form with its own submit button, as a person would, and waits for the answer."""
        self.navigate(lambda: self.find(f"{form_css} [type=submit]").click())

    def navigate(self, action, timeout: float = 15) -> None:
        # A mark on the old document's window, which the new document's lacks: until then
        # the page has not changed (Chromium may also answer an error while it switches).
        self.driver.execute_script("window.__browserTestOldPage = true")

        def replaced(driver) -> bool:
            try:
                return driver.execute_script("return window.__browserTestOldPage !== true") is True
            except WebDriverException:
                return False

        action()
        try:
            WebDriverWait(self.driver, timeout).until(replaced)
        except TimeoutException:
            raise AssertionError(f"no new page after {timeout} s (still {self.path})") from None
        self.wait_loaded()
        self.collect_console()

    # The console

    def allow_console(self, pattern: str) -> None:
        """A console error this test expects (a 404 it asks for on purpose, say)."""
        self.allowed_console.append(re.compile(pattern))

    def collect_console(self) -> None:
        for entry in self.driver.get_log("browser"):
            entry["page"] = self.path
            self.console.append(entry)

    def console_errors(self) -> list[dict]:
        self.collect_console()
        return [
            entry for entry in self.console
            if entry["level"] == "SEVERE"
            and not any(pattern.search(entry["message"]) for pattern in self.allowed_console)
        ]

    # Artifacts and layout

    def screenshot(self, name: str) -> Path:
        directory = self.artifacts / "screenshots"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name) + ".png")
        # The whole page, not only the window: as tall as the document.
        height = self.driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        width = self.driver.get_window_size()["width"]
        self.driver.set_window_size(width, min(max(height + 120, 300), 6000))
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(width, DESKTOP[1])
        return path

    def set_width(self, width: int) -> None:
        self.driver.set_window_size(width, DESKTOP[1])

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the window (0: no horizontal scroll)."""
        return self.driver.execute_script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth")
