/*
 * In-app navigation for URL state, and focus kept where the user was.
 *
 * The indicator page's choices are native <select> elements in a GET form and its views
 * and sort orders are plain links. Here a change of a select (with the mouse after a short
 * pause; with the keyboard on Enter or when focus leaves the select, so that arrowing
 * through a closed select never reloads at every step), a press of the form's button, or a
 * click on a link marked data-inplace pushes the new URL into the history and
 * lets Dash render the page for it, without reloading the app or scrolling to the top. After
 * the render of the same page in a new state, focus returns to the control that was used;
 * after the render of another page (a new path), focus moves to the part the address names
 * (#id) or else to the main heading, so a keyboard or screen-reader user starts reading
 * where a page starts. The document's language and title follow the page (called from a
 * clientside callback, see dashboard/app.py).
 */
(function () {
    "use strict";

    // dcc.Graph loads plotly.js from window._dashPlotlyJSURL when it first draws; Dash's
    // renderer sets that to the full bundle. The page names the smaller bundle that has what
    // the dashboard draws (dashboard/app.py, dashboard/vendor), and the renderer's value is
    // ignored.
    var bundle = document.documentElement.getAttribute("data-plotly-js");
    if (bundle) {
        Object.defineProperty(window, "_dashPlotlyJSURL", {
            configurable: true,
            get: function () { return bundle; },
            set: function () {},
        });
    }

    var DEBOUNCE_MS = 450;
    var state = {
        focusId: null, timer: null, path: window.location.pathname, hash: window.location.hash,
        keyed: {}, pending: {}, choicesOpen: false
    };

    function navigate(url) {
        if (!url || url === window.location.pathname + window.location.search) {
            return;
        }
        window.history.pushState({}, "", url);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    }

    function formUrl(form) {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) {
            if (value !== "") {
                params.append(key, value);
            }
        });
        var query = params.toString();
        return form.getAttribute("action") + (query ? "?" + query : "");
    }

    function isStateForm(form) {
        return form && form.hasAttribute && form.hasAttribute("data-state-form");
    }

    // A select changed with the mouse applies at once (after a short pause); one changed with
    // the keyboard (arrows or letters on a closed select change its value at every press)
    // applies on Enter or when focus leaves it, so arrowing through the options never
    // re-renders the page at every step.
    function isStateSelect(el) {
        return el instanceof HTMLSelectElement && isStateForm(el.form);
    }

    function apply(el) {
        delete state.keyed[el.id];
        state.focusId = el.id;
        window.clearTimeout(state.timer);
        navigate(formUrl(el.form));
    }

    document.addEventListener("keydown", function (event) {
        var el = event.target;
        if (!isStateSelect(el)) {
            return;
        }
        if (event.key === "Enter") {
            event.preventDefault();
            apply(el);
        } else if (event.key !== "Tab" && event.key !== "Shift") {
            state.keyed[el.id] = true;
        }
    });

    document.addEventListener("change", function (event) {
        var el = event.target;
        if (!isStateSelect(el)) {
            return;
        }
        if (state.keyed[el.id]) {
            state.pending[el.id] = true;  // applied on Enter or when focus leaves
            return;
        }
        state.focusId = el.id;
        window.clearTimeout(state.timer);
        state.timer = window.setTimeout(function () {
            navigate(formUrl(el.form));
        }, DEBOUNCE_MS);
    });

    document.addEventListener("focusout", function (event) {
        var el = event.target;
        if (!isStateSelect(el)) {
            return;
        }
        var pending = state.pending[el.id];
        delete state.pending[el.id];
        delete state.keyed[el.id];
        if (pending) {
            var next = event.relatedTarget;
            navigate(formUrl(el.form));
            // Focus goes where the user sent it; the render keeps it there when it can.
            state.focusId = next && next.id ? next.id : el.id;
        }
    });

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!isStateForm(form)) {
            return;
        }
        event.preventDefault();
        window.clearTimeout(state.timer);
        var active = document.activeElement;
        state.focusId = active && active.id ? active.id : null;
        navigate(formUrl(form));
    });

    document.addEventListener("click", function (event) {
        if (event.defaultPrevented && !event.target.closest("a[data-inplace]")) {
            // A Dash link navigated; remember it so focus can come back to it.
            var link = event.target.closest("a[id]");
            state.focusId = link ? link.id : null;
            return;
        }
        var skip = event.target.closest("a.skip-link");
        if (skip) {
            var main = document.getElementById("main");
            if (main) {
                event.preventDefault();
                main.focus();
            }
            return;
        }
        var a = event.target.closest("a[data-inplace]");
        if (!a || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
                event.altKey) {
            return;
        }
        event.preventDefault();
        window.clearTimeout(state.timer);
        state.focusId = a.id || null;
        navigate(withFormState(a.getAttribute("href"), a.getAttribute("data-inplace")));
    });

    // A view or sort link was rendered with the choices of the last render; a choice made
    // since (its navigation may still be waiting) must not be lost, so the form's current
    // values win for every parameter except the one the link itself changes.
    function withFormState(href, ownParam) {
        var form = document.querySelector("form[data-state-form]");
        if (!form) {
            return href;
        }
        var url = new URL(href, window.location.href);
        var params = url.searchParams;
        form.querySelectorAll("select[name]").forEach(function (select) {
            if (select.name === ownParam) {
                return;
            }
            if (select.value === "") {
                params.delete(select.name);
            } else {
                params.set(select.name, select.value);
            }
        });
        return url.pathname + (params.toString() ? "?" + params.toString() : "");
    }

    // «Kopiera länk»: the page's full address to the clipboard, and shown beside the button.
    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-copy-link]");
        if (!button) {
            return;
        }
        var status = document.getElementById("copy-link-status");
        var url = window.location.href;
        function say(prefix) {
            if (status) {
                status.textContent = prefix + " " + url;
            }
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(url).then(function () {
                say(button.getAttribute("data-copied"));
            }, function () {
                say(button.getAttribute("data-failed"));
            });
        } else {
            say(button.getAttribute("data-failed"));
        }
    });

    // On a phone the page's choices fold into one line ("Val (2 valda)") after each render,
    // so the view comes first; once the reader opens them they stay open.
    var NARROW = "(max-width: 48rem)";
    document.addEventListener("toggle", function (event) {
        var details = event.target;
        if (details.hasAttribute && details.hasAttribute("data-fold-narrow") &&
                details.hasAttribute("data-folded")) {
            state.choicesOpen = details.open;
        }
    }, true);

    function foldChoices() {
        if (!window.matchMedia || !window.matchMedia(NARROW).matches) {
            return;
        }
        document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
            if (!details.hasAttribute("data-folded")) {
                details.open = Boolean(state.choicesOpen);
                // Marked after the toggle this causes, so it is not taken for the reader's.
                window.setTimeout(function () {
                    details.setAttribute("data-folded", "1");
                }, 0);
            }
        });
    }

    function restoreFocus() {
        var id = state.focusId;
        state.focusId = null;
        if (!id) {
            return;
        }
        var el = document.getElementById(id);
        if (el && document.activeElement !== el) {
            el.focus({ preventScroll: true });
        }
    }

    // After in-app navigation to another page: the element the address names, else the
    // main heading (made focusable for this, without entering the tab order).
    function focusNewPage() {
        state.focusId = null;
        var target = null;
        if (window.location.hash.length > 1) {
            target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
        }
        var scroll = Boolean(target);
        target = target || document.querySelector("main h1");
        if (!target) {
            return;
        }
        if (!target.hasAttribute("tabindex")) {
            target.setAttribute("tabindex", "-1");
        }
        target.focus({ preventScroll: !scroll });
        if (!scroll) {
            window.scrollTo(0, 0);
        }
    }

    // The head announces the page's Atom feeds (autodiscovery). The server writes them into
    // the first answer; after in-app navigation the new page's feeds replace them, so the head
    // always names the feeds of the page on screen (dashboard/components/feed_links.py).
    function announceFeeds(feeds) {
        var selector = 'link[rel="alternate"][type="application/atom+xml"]';
        var old = document.head.querySelectorAll(selector);
        for (var i = 0; i < old.length; i++) {
            old[i].parentNode.removeChild(old[i]);
        }
        feeds.forEach(function (feed) {
            var link = document.createElement("link");
            link.rel = "alternate";
            link.type = "application/atom+xml";
            link.href = feed.href;
            link.title = feed.title;
            document.head.appendChild(link);
        });
    }

    window.levande = {
        go: navigate,
        afterRender: function (meta) {
            if (meta.lang) {
                document.documentElement.setAttribute("lang", meta.lang);
            }
            if (meta.feeds) {
                announceFeeds(meta.feeds);
            }
            // After Dash's own title update for the page, so the language-aware title wins.
            window.setTimeout(function () {
                if (meta.title) {
                    document.title = meta.title;
                }
                foldChoices();
                var path = window.location.pathname;
                var hash = window.location.hash;
                if (path !== state.path || (hash.length > 1 && hash !== state.hash)) {
                    state.path = path;
                    state.hash = hash;
                    focusNewPage();
                } else {
                    state.hash = hash;
                    restoreFocus();
                }
                // Which address the page now shows: lets tests and monitoring wait for it.
                document.documentElement.setAttribute(
                    "data-rendered", window.location.pathname + window.location.search
                );
            }, 0);
        },
    };
})();
