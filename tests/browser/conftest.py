"""Fixtures of the browser tests: one real service and one Chromium for the session,
a fresh Browser (no cookies, its own console) for each test, and the artifacts."""

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browser import DESKTOP, Browser, start_chromium  # noqa: E402
from service import PasserelleService  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[2]


def artifacts_directory() -> Path:
    return Path(os.environ.get("BROWSER_ARTIFACTS", REPOSITORY / ".build" / "browser-artifacts")).resolve()


def pytest_configure(config):
    # A run's artifacts replace the last run's.
    directory = artifacts_directory()
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)


def pytest_report_header(config):
    return [f"browser artifacts: {artifacts_directory()}"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Kept on the test, so that the browser fixture can photograph a failure.
    report = yield
    setattr(item, "report_" + report.when, report)
    return report


@pytest.fixture(scope="session")
def artifacts() -> Path:
    return artifacts_directory()


@pytest.fixture(scope="session")
def service(artifacts):
    binary = Path(os.environ.get("PASSERELLE_BIN", REPOSITORY / ".build" / "debug" / "passerelle"))
    if not binary.is_absolute():
        binary = REPOSITORY / binary
    passerelle = PasserelleService(binary, REPOSITORY, artifacts / "service.log")
    try:
        passerelle.start()
        yield passerelle
    finally:
        passerelle.stop()


@pytest.fixture(scope="session")
def chromium():
    driver = start_chromium(os.environ.get("CHROMIUM_BINARY", "/usr/lib/chromium/chromium"),
                            os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(request, chromium, service, artifacts):
    """A signed-out browser at desktop size; after the test, no console error may be left."""
    chromium.get("about:blank")
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.set_window_size(*DESKTOP)
    chromium.get_log("browser")  # what an earlier test left
    view = Browser(chromium, service.base_url, artifacts, request.node.name)
    yield view
    call = getattr(request.node, "report_call", None)
    if call is not None and call.failed:
        try:
            view.screenshot("FAILED-" + request.node.name)
        except Exception as error:  # the browser may be what failed
            print(f"no screenshot of the failure: {error}")
    errors = view.console_errors()
    log = artifacts / "console" / (request.node.name.replace("/", "-") + ".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("".join(f"{entry['level']} {entry['page']} {entry['message']}\n" for entry in view.console))
    if errors:
        listed = "\n".join(f"  {entry['page']}: {entry['message']}" for entry in errors)
        pytest.fail(f"console errors in the browser:\n{listed}", pytrace=False)
