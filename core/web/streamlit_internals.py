"""Every place the site depends on something Streamlit does not promise: the one list to read before upgrading it.

Data only (it imports nothing of Streamlit). tests/test_streamlit_internals.py checks each item against the
installed Streamlit (the version requirements.txt pins) and fails naming the item, the files that use it and
what to look at; it also fails when a file uses a test id, an `st-key-` class, a Streamlit class or a Streamlit
element id that is not listed here, so a new dependence cannot come in unnoticed. See README, "Upgrading Streamlit".

Each item says what the site relies on, where (files, from the project's root) and what the test needs to hold
(`needs`, read as its kind says).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of dependence: how the test checks its items, and what to do when one fails."""

    title: str
    checked: str
    on_upgrade: str


TEST_ID = Kind(
    "frontend test id (data-testid)",
    "the id is a string literal in Streamlit's frontend bundle (streamlit/static/static/js/*.js)",
    "find the element's new data-testid (a browser's inspector on the running site) and change the selector in "
    "every file listed; a test that counts matches of a vanished id passes for the wrong reason. Then run the "
    "browser tests of the files listed",
)
FRONTEND = Kind(
    "frontend class, attribute or behaviour",
    "each regular expression in `needs` matches Streamlit's frontend bundle (streamlit/static/static/js/*.js)",
    "read what Streamlit's frontend does now (its release notes, the element in a browser's inspector), adjust "
    "the files listed, and run their browser tests",
)
SHELL = Kind(
    "page shell (streamlit/static/index.html)",
    "each regular expression in `needs` matches the installed index.html exactly once",
    "core/views/offline.py rewrite_shell replaces the first <title> and <noscript> and puts the one-history-entry "
    "script where the title was; core/web/security.py allows every inline script of the shell by its hash. Check "
    "the rewritten shell and the policy: tests/test_serving.py and tests/test_security.py, then one page in a browser "
    "with its console open (a blocked script is a CSP violation)",
)
SERVER = Kind(
    "server route or file layout",
    "Streamlit's routes (starlette_app.create_streamlit_routes) answer in process: `GET path` with 200 and not the shell (and "
    "`= body` with that body), `WEBSOCKET path` is a websocket route, `SHELL path` answers index.html as text/html, "
    "`IMMUTABLE /static/` serves the shell's module script with a cache lifetime that never needs revalidating",
    "read Streamlit's server (streamlit/web/server/) for the route's new path or behaviour, then change the files "
    "listed; deploy/serve.py writes it into nginx.conf, so run tests/test_deploy.py",
)
PYTHON = Kind(
    "Python name outside Streamlit's documented API",
    "the name imports; each of `needs` holds: `a.b` is an attribute (a field path for a protobuf message, a field "
    "for a dataclass; for AppTest, on an instance that has run a small script), `(name)` a parameter of the "
    "callable, `a == literal` or `a startswith literal` a value (`a` may be empty: the name itself)",
    "find where the name went (Streamlit's source under site-packages/streamlit) and change the files listed",
)
CONFIG = Kind(
    "configuration option whose effect is internal",
    "the option is one of streamlit.config.get_config_options() (Streamlit only warns about an unknown option "
    "and goes on without it)",
    "read the option's new name or meaning in `streamlit config show`, then change the files listed; for "
    "runner.postScriptGC measure again with make bench-load",
)

KINDS = (TEST_ID, FRONTEND, SHELL, SERVER, PYTHON, CONFIG)


@dataclass(frozen=True)
class Internal:
    """One dependence on Streamlit: `name` as the project writes it (a test id, `st-key-…`, `.class`, `#id`,
    a route, a dotted Python name, an option)."""

    kind: Kind
    name: str
    relies_on: str
    used_in: tuple[str, ...]
    needs: tuple[str, ...] = ()


def quoted(text: str) -> str:
    """A regular expression for `text` as a whole string literal in minified JavaScript."""
    return "[`\"']" + text.replace("$", r"\$") + "[`\"']"


def _test_id(name: str, relies_on: str, *used_in: str) -> Internal:
    return Internal(TEST_ID, name, relies_on, used_in, (quoted(name),))


def _key(name: str, relies_on: str, *used_in: str) -> Internal:
    keyed = "st.container(key=...) gets the class st-key-<key> (other characters than letters, digits, _ and - replaced)"
    return Internal(FRONTEND, name, f"{keyed}: {relies_on}", used_in, (quoted("st-key-"),))


SITE, PRESENT, QUICK_CSS, CHROME = "assets/site.css", "assets/present.css", "assets/quick_exit.css", "assets/chrome.js"
LAYOUT, PRIVACY, QUICK, PRESENTING = (
    "tests/test_layout_browser.py",
    "tests/test_privacy_browser.py",
    "tests/test_quick_exit_browser.py",
    "tests/test_present_browser.py",
)
CHARTS, BROWSER, DIRECTORY, LANGUAGE = (
    "tests/test_charts_browser.py",
    "tests/test_browser.py",
    "tests/test_directory_browser.py",
    "tests/test_language_browser.py",
)

INTERNALS: tuple[Internal, ...] = (
    # --- the page's frame ---
    _test_id("stApp", "the app's root; its data-test-script-state tells when a run has finished", "tests/conftest.py", PRIVACY),
    _test_id(
        "stHeader",
        "the fixed header: made lower on short windows, hidden in the presenter view",
        SITE,
        PRESENT,
        LAYOUT,
        PRESENTING,
    ),
    _test_id("stToolbar", "the header's toolbar, sized with the header; hidden in the presenter view", SITE, PRESENT),
    _test_id(
        "stMain",
        "the scrolling main area: scroll padding under the fixed header",
        SITE,
        PRESENT,
        LAYOUT,
        PRESENTING,
        CHARTS,
        QUICK,
        "tests/test_accessibility_browser.py",
    ),
    _test_id(
        "stMainBlockContainer",
        "the page's column: top padding; the tests wait for it before a page counts as open",
        SITE,
        PRESENT,
        "tests/conftest.py",
        DIRECTORY,
        LANGUAGE,
        PRIVACY,
    ),
    _test_id("stSkipToContent", "Streamlit's own skip link, hidden: assets/quick_exit.js adds the page's own", SITE),
    _test_id(
        "stSkeleton", "the placeholder shown while a widget's code loads; a page is idle when none is left", "tests/conftest.py"
    ),
    _test_id("stException", "an exception drawn on the page: the failover test expects none", "tests/test_deploy.py"),
    # --- navigation and menus ---
    _test_id("stTopNav", "the top navigation, which measures its own width to decide how many links fit", SITE),
    _test_id("stTopNavLink", "a link of the top navigation", BROWSER, QUICK),
    _test_id("stTopNavSection", "a section button of the top navigation", LAYOUT),
    _test_id("stTopNavPopover", "the list a section button of the top navigation opens", LAYOUT),
    _test_id("stSidebar", "the menu on a phone; hidden while collapsed, narrowed to the screen", SITE, LAYOUT),
    _test_id("stSidebarNavLink", "a link of the menu on a phone", BROWSER),
    _test_id("stExpandSidebarButton", "the phone's menu button: named and given a menu icon and word", SITE, CHROME, LAYOUT),
    _test_id("stSidebarCollapseButton", "the button that closes the phone's menu: named", CHROME, LAYOUT),
    _test_id("stIconMaterial", "a Material icon: the menu button's double arrow is hidden", SITE),
    _test_id("stMainMenu", "the header's \u22ee menu: moved to the edge on a phone", SITE),
    _test_id("stMainMenuButton", "the \u22ee menu's button", LAYOUT),
    _test_id("stMainMenuPopover", "the \u22ee menu when open", LAYOUT),
    _test_id("stPageLink", "an st.page_link (prefix match: stPageLink-NavLink is its link)", BROWSER, LANGUAGE),
    _test_id("stPageLink-NavLink", "the link inside an st.page_link", QUICK),
    # --- elements ---
    _test_id("stElementContainer", "the box around each element: cards framed, empty elements take no room", SITE, QUICK_CSS),
    _test_id("stLayoutWrapper", "the box around a keyed container: the presenter's hidden key bindings take no room", SITE),
    _test_id("stMarkdownContainer", "Markdown's box: tables scroll inside it, blockquotes and figure values restyled", SITE),
    _test_id("stCaptionContainer", "st.caption, drawn at 60% opacity: set to full", SITE, DIRECTORY),
    _test_id(
        "stVegaLiteChart",
        "a chart: its toolbar hidden, its height capped on a slide",
        SITE,
        PRESENT,
        CHARTS,
        PRESENTING,
        PRIVACY,
        "tests/test_injection.py",
        "tests/test_statistics_browser.py",
    ),
    _test_id("stElementToolbar", "a chart's toolbar (copy, full screen, show data), hidden", SITE),
    _test_id("stExpander", "an st.expander, opened by the tests", PRIVACY, "tests/test_injection.py"),
    _test_id("stTextInput", "a text input (the directory's search)", PRIVACY, QUICK),
    _test_id("stSelectbox", "a select box", PRIVACY),
    _test_id("stCheckbox", "a checkbox, and st.toggle (drawn as a checkbox with the same id)", PRIVACY),
    _test_id("stButtonGroup", "st.pills and st.segmented_control", PRIVACY),
    _test_id("stDownloadButton", "a download button", PRIVACY),
    # --- classes, ids and attributes ---
    Internal(
        FRONTEND,
        ".stHtml",
        "an st.html element is a div of class stHtml: the page-language marker's takes no room",
        (SITE,),
        (quoted("stHtml"),),
    ),
    Internal(
        FRONTEND,
        "#stMain",
        "the main area has id stMain and takes the focus: the page's own skip link points at it",
        ("assets/quick_exit.js", QUICK),
        (quoted("stMain"), r"tabIndex:0"),
    ),
    Internal(
        FRONTEND,
        "data-collapsed",
        'the menu (stSidebar) says data-collapsed="true" or "false"',
        (SITE, LAYOUT),
        (quoted("data-collapsed"),),
    ),
    Internal(
        FRONTEND,
        "data-test-script-state",
        "stApp's data-test-script-state is notRunning once a run has finished",
        ("tests/conftest.py",),
        (quoted("data-test-script-state"), quoted("notRunning")),
    ),
    Internal(
        FRONTEND,
        "data-stale",
        'an element left from the previous run has data-stale="true"',
        ("tests/conftest.py",),
        (quoted("data-stale"),),
    ),
    _key("st-key-cards1_", "ui.card_list's one-column cards", SITE),
    _key("st-key-cards2_", "ui.card_list's two-column cards", SITE),
    _key("st-key-cards2_figures_", "the statistics page's figure cards", SITE, LAYOUT),
    _key("st-key-cards1_results", "the directory's results", DIRECTORY),
    _key("st-key-live_", "containers marked as polite live regions by assets/chrome.js", CHROME),
    _key("st-key-present-slide", "the presenter's slide", PRESENT),
    _key("st-key-present-controls", "the presenter's buttons", PRESENT, PRESENTING),
    _key("st-key-present-keys", "the presenter's key bindings, hidden", PRESENT, SITE),
    _key(
        "st-key-preview_box",
        "the preview's box with the content check's result (make preview only)",
        "tests/test_preview_browser.py",
    ),
    # --- behaviour ---
    Internal(
        FRONTEND,
        "history.pushState",
        "Streamlit changes the address (a page, a query) with window.history.pushState, looked up when it is called, "
        "so the shell's first script (assets/one_history_entry.js) can turn every push into a replace",
        ("assets/one_history_entry.js", "core/views/offline.py", QUICK),
        (r"history\.pushState\(",),
    ),
    Internal(
        FRONTEND,
        "st.html(unsafe_allow_javascript=True)",
        "st.html with unsafe_allow_javascript makes a new <script> of each one, so it runs each time the element is "
        "drawn (and an inline script with a less-than sign is dropped: the project's have none)",
        ("ui/frame.py", "ui/language.py", "assets/quick_exit.js", CHROME, "assets/page_lang.js"),
        ("unsafeAllowJavascript", r"createElement\(" + quoted("script") + r"\)"),
    ),
    Internal(
        FRONTEND,
        "base path probe",
        "on a page such as /what-to-do the frontend asks /what-to-do/_stcore/health and /_stcore/host-config to find "
        "its base path; the tests count those 404s as expected",
        ("tests/conftest.py",),
        ("_stcore/health", "_stcore/host-config"),
    ),
    # --- the page shell ---
    Internal(
        SHELL,
        "<title>",
        "one <title>: replaced by the page's title, its description and the one-history-entry script",
        ("core/views/offline.py",),
        (r"<title>[^<]*</title>",),
    ),
    Internal(
        SHELL,
        "<noscript>",
        "one <noscript>: replaced by the crisis lines",
        ("core/views/offline.py",),
        (r"(?s)<noscript>.*?</noscript>",),
    ),
    Internal(
        SHELL,
        "title before the module script",
        "the script put where the title was runs before Streamlit's own (a module script)",
        ("core/views/offline.py", "assets/one_history_entry.js"),
        (r"(?s)</title>.*<script[^>]*type=\"module\"",),
    ),
    Internal(
        SHELL,
        "inline script",
        "one inline script (window.prerenderReady), allowed by its hash, read from the installed file at start",
        ("core/web/security.py", "server.py", "deploy/serve.py", "tests/test_security.py", PRIVACY),
        (r"<script(?![^>]*\bsrc=)[^>]*>",),
    ),
    Internal(
        SHELL,
        "./static/js/index.*.js",
        "the shell loads its bundle from ./static/js/index.<hash>.js; the tests find it there",
        ("tests/test_serving.py",),
        (r"src=\"\./static/js/index\.[\w-]+\.js\"",),
    ),
    # --- the server ---
    Internal(
        SERVER,
        "/_stcore/health",
        "answers ok once the app is ready: deploy/serve.py's health check and nginx's /healthz, the tests' servers",
        ("deploy/serve.py", "tests/conftest.py", QUICK),
        ("GET /_stcore/health = ok",),
    ),
    Internal(
        SERVER,
        "/_stcore/stream",
        'the websocket (subprotocol "streamlit"): nginx gives it long timeouts; the load benchmark speaks to it',
        ("deploy/serve.py", "bench/load.py"),
        ("WEBSOCKET /_stcore/stream",),
    ),
    Internal(
        SERVER,
        "/_stcore/host-config",
        "a JSON route: compressed like any other",
        ("tests/test_serving.py", "tests/conftest.py"),
        ("GET /_stcore/host-config",),
    ),
    Internal(
        SERVER,
        "the shell for every page address",
        "every page address answers streamlit/static/index.html as text/html (the middleware rewrites it); server.py, "
        "deploy/serve.py and the tests read the file at that path",
        ("core/web/serving.py", "server.py", "deploy/serve.py", "tests/test_security.py", PRIVACY),
        ("SHELL /", "SHELL /statistics"),
    ),
    Internal(
        SERVER,
        "/static/",
        "files under /static/ are named by their content and cached for good: compressed once per process and kept",
        ("core/web/serving.py",),
        ("IMMUTABLE /static/",),
    ),
    # --- Python ---
    Internal(
        PYTHON,
        "streamlit.proto.BackMsg_pb2.BackMsg",
        "the message a browser sends to run a page",
        ("bench/load.py",),
        ("rerun_script.query_string", "rerun_script.page_name", "rerun_script.page_script_hash"),
    ),
    Internal(
        PYTHON,
        "streamlit.proto.ForwardMsg_pb2.ForwardMsg",
        "the messages the server sends back, read until the run has finished",
        ("bench/load.py",),
        ("delta.new_element.exception.message", "page_not_found", "script_finished", "FINISHED_SUCCESSFULLY"),
    ),
    Internal(
        PYTHON,
        "streamlit.proto.Html_pb2.Html",
        "an st.html element's proto: the tests read its body",
        ("tests/test_pages.py", "tests/test_present_page.py"),
        ("body",),
    ),
    Internal(
        PYTHON,
        "streamlit.testing.v1.AppTest",
        "AppTest._tree (private): the tests walk every element of a page",
        ("tests/test_query_params.py", "tests/test_spanish.py"),
        ("_tree.children",),
    ),
    Internal(
        PYTHON,
        "streamlit.testing.v1.element_tree.Element",
        "an AppTest element's proto and key",
        ("tests/test_query_params.py", "tests/test_spanish.py", "tests/test_pages.py", "tests/test_present_page.py"),
        ("proto", "key"),
    ),
    Internal(
        PYTHON,
        "streamlit.runtime.state.common.GENERATED_ELEMENT_ID_PREFIX",
        "a widget key that starts with $$ is one Streamlit made, not the page's",
        ("tests/test_query_params.py",),
        ("startswith '$$'",),
    ),
    Internal(
        PYTHON,
        "streamlit.web.server.starlette.starlette_server_config",
        "the names of Streamlit's two cookies: the privacy test allows only those",
        (PRIVACY,),
        ("SESSION_COOKIE_NAME", "XSRF_COOKIE_NAME"),
    ),
    Internal(
        PYTHON,
        "streamlit.web.server.app_discovery.discover_asgi_app",
        "how `streamlit run` finds server.py's app",
        ("tests/test_security.py",),
    ),
    Internal(PYTHON, "streamlit.App", "the served app takes the project's ASGI middleware", ("server.py",), ("(middleware)",)),
    Internal(PYTHON, "streamlit.delta_generator.DeltaGenerator", "the type of a container, in annotations", ("ui/articles.py",)),
    Internal(
        PYTHON, "streamlit.errors.StreamlitAPIException", "what a widget raises for a value it refuses", ("pages/directory.py",)
    ),
    # --- configuration ---
    Internal(
        CONFIG,
        "runner.postScriptGC",
        "a hidden option: off, Streamlit no longer collects garbage after every run",
        (".streamlit/config.toml", "bench/load.py", "server.py"),
    ),
    Internal(CONFIG, "client.toolbarMode", '"viewer": visitors get no developer menu', (".streamlit/config.toml",)),
    Internal(CONFIG, "client.showErrorDetails", '"none": visitors never see a traceback', (".streamlit/config.toml",)),
    Internal(
        CONFIG,
        "server.cookieSecret",
        "replicas share it (STREAMLIT_SERVER_COOKIE_SECRET): it signs the XSRF cookie",
        ("deploy/serve.py",),
    ),
)
"""Every dependence on Streamlit's internals, grouped by kind."""
