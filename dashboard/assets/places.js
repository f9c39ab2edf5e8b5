/*
 * The place pages: type-ahead place search, lists built from selects, and the print button.
 *
 * Search: the form [data-place-search] works on its own (it asks /sok?q=...). Here its field
 * becomes an ARIA 1.2 combobox: the names come once from /platser.json, both the names and
 * what is typed are folded (no case, no diacritics: "gavle" finds Gävle, as on the server),
 * the best matches are listed under the field, arrow keys move through them, Enter or a click
 * opens the chosen place's profile inside the app, Escape closes the list.
 *
 * The same combobox picks a place for a form marked data-place-add="<list>" (the comparison):
 * the chosen place's code is added to that comma-separated field and the form's address is
 * opened; without JavaScript the form sends the typed name, which the server looks up.
 *
 * Lists: a select marked data-append-to="peers" (or "places", "ind") adds its choice to the
 * comma-separated hidden field of that name instead of sending a parameter of its own, so the
 * address the form leads to (assets/levande.js navigates to it) is the page's canonical one.
 * The list it adds to is data-append-base, as the server rendered it, so arrowing through a
 * closed select only ever adds the last option reached.
 *
 * Print: a button marked data-print opens the browser's print dialogue; folded details are
 * unfolded for paper and folded again afterwards.
 */
(function () {
    "use strict";

    var MAX_SUGGESTIONS = 8;
    var places = null;
    var loading = null;
    var state = { active: -1, items: [] };

    function fold(text) {
        return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
            .toLowerCase().replace(/\s+/g, " ").trim();
    }

    function rank(query, place) {
        var name = place.folded;
        if (name === query || place.code === query) {
            return 0;
        }
        if (name.indexOf(query) === 0 || place.code.indexOf(query) === 0) {
            return 1;
        }
        var words = name.replace(/-/g, " ").split(" ").slice(1);
        for (var i = 0; i < words.length; i++) {
            if (words[i].indexOf(query) === 0) {
                return 2;
            }
        }
        return name.indexOf(query) >= 0 ? 3 : -1;
    }

    function matches(text) {
        var query = fold(text);
        if (!query || !places) {
            return [];
        }
        var found = [];
        places.forEach(function (place) {
            var r = rank(query, place);
            if (r >= 0) {
                found.push({ rank: r, level: place.level === "kommun" ? 0 : 1, place: place });
            }
        });
        found.sort(function (a, b) {
            return a.rank - b.rank || a.level - b.level ||
                (a.place.folded < b.place.folded ? -1 : a.place.folded > b.place.folded ? 1 : 0);
        });
        return found.slice(0, MAX_SUGGESTIONS).map(function (f) { return f.place; });
    }

    function load(status) {
        if (places || loading || !status) {
            return loading;
        }
        loading = fetch(status.getAttribute("data-places"), { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (items) {
                places = items.map(function (item) {
                    item.folded = fold(item.name);
                    return item;
                });
            })
            .catch(function () { places = []; });
        return loading;
    }

    // Every combobox is the text field of a form marked data-place-search; its list, status line and language
    // field are named after it ("<id>-list", "<id>-status", "<id>-lang").
    function isField(element) {
        return Boolean(element && element.tagName === "INPUT" && element.type === "text" &&
            element.closest && element.closest("form[data-place-search]"));
    }

    function parts(input) {
        return {
            form: input.form,
            list: document.getElementById(input.id + "-list"),
            status: document.getElementById(input.id + "-status"),
        };
    }

    function enhance() {
        document.querySelectorAll("form[data-place-search] input[type=text]").forEach(function (input) {
            input.setAttribute("role", "combobox");
            input.setAttribute("aria-autocomplete", "list");
            input.setAttribute("aria-controls", input.id + "-list");
            input.setAttribute("aria-describedby", input.id + "-hint");
            if (!input.hasAttribute("aria-expanded")) {
                input.setAttribute("aria-expanded", "false");
            }
        });
    }

    function lang(input) {
        var hidden = document.getElementById(input.id + "-lang");
        return hidden ? hidden.value : "sv";
    }

    function hrefOf(input, place) {
        var path = (place.level === "kommun" ? "/kommun/" : "/lan/") + place.code;
        return lang(input) === "en" ? path + "?lang=en" : path;
    }

    // The address a picking form leads to: the place's code added to the comma-separated
    // list the form names (data-place-add="places"), the typed text left out, so the address
    // is the page's canonical one.
    function addHref(form, input, place) {
        var list = form.getAttribute("data-place-add");
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value && name !== input.name) {
                params.set(name, String(value));
            }
        });
        var codes = (params.get(list) || "").split(",").filter(function (c) { return c; });
        if (codes.indexOf(place.code) < 0) {
            codes.push(place.code);
        }
        params.set(list, codes.join(","));
        return form.getAttribute("action") + "?" + params.toString();
    }

    function target(input, place) {
        var form = input.form;
        return form && form.hasAttribute("data-place-add")
            ? addHref(form, input, place)
            : hrefOf(input, place);
    }

    function navigate(url) {
        window.history.pushState({}, "", url);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
    }

    function close(input) {
        var p = parts(input);
        state.active = -1;
        state.items = [];
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        if (p.list) {
            p.list.hidden = true;
            p.list.textContent = "";
        }
    }

    function label(place, status) {
        var kind = status.getAttribute(place.level === "kommun" ? "data-kommun" : "data-lan");
        return place.county ? kind + ", " + place.county : kind;
    }

    function show(input) {
        var p = parts(input);
        if (!p.list || !p.status) {
            return;
        }
        var items = matches(input.value);
        state.items = items;
        state.active = -1;
        p.list.textContent = "";
        input.removeAttribute("aria-activedescendant");
        items.forEach(function (place, i) {
            var li = document.createElement("li");
            li.id = input.id + "-opt-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            li.className = "place-search__option";
            li.setAttribute("data-index", String(i));
            var name = document.createElement("span");
            name.textContent = place.name;
            var detail = document.createElement("span");
            detail.className = "place-search__detail";
            detail.textContent = " – " + label(place, p.status);
            li.appendChild(name);
            li.appendChild(detail);
            p.list.appendChild(li);
        });
        var open = items.length > 0;
        p.list.hidden = !open;
        input.setAttribute("aria-expanded", open ? "true" : "false");
        if (fold(input.value)) {
            p.status.textContent = open
                ? p.status.getAttribute("data-count").replace("{n}", String(items.length))
                : p.status.getAttribute("data-none");
        } else {
            p.status.textContent = "";
        }
    }

    function activate(input, index) {
        var p = parts(input);
        if (!state.items.length || !p.list) {
            return;
        }
        var n = state.items.length;
        state.active = (index + n) % n;
        Array.prototype.forEach.call(p.list.children, function (li, i) {
            var on = i === state.active;
            li.setAttribute("aria-selected", on ? "true" : "false");
            li.classList.toggle("place-search__option--active", on);
        });
        input.setAttribute("aria-activedescendant", input.id + "-opt-" + state.active);
        var current = p.list.children[state.active];
        if (current && current.scrollIntoView) {
            current.scrollIntoView({ block: "nearest" });
        }
    }

    function choose(input, index) {
        var place = state.items[index];
        if (!place) {
            return;
        }
        close(input);
        navigate(target(input, place));
    }

    document.addEventListener("focusin", function (event) {
        if (isField(event.target)) {
            enhance();
            load(parts(event.target).status);
        }
    });

    document.addEventListener("input", function (event) {
        var input = event.target;
        if (!isField(input)) {
            return;
        }
        var status = parts(input).status;
        var pending = load(status);
        if (places) {
            show(input);
        } else if (pending) {
            pending.then(function () { show(input); });
        }
    });

    document.addEventListener("keydown", function (event) {
        var input = event.target;
        if (!isField(input)) {
            return;
        }
        var open = input.getAttribute("aria-expanded") === "true";
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            if (!open) {
                show(input);
            }
            var down = event.key === "ArrowDown";
            if (state.active < 0) {
                activate(input, down ? 0 : state.items.length - 1);
            } else {
                activate(input, state.active + (down ? 1 : -1));
            }
        } else if (event.key === "Enter" && open && state.active >= 0) {
            event.preventDefault();
            choose(input, state.active);
        } else if (event.key === "Escape") {
            if (open) {
                event.preventDefault();
                close(input);
            } else {
                input.value = "";
            }
        } else if (event.key === "Tab") {
            close(input);
        }
    });

    document.addEventListener("mousedown", function (event) {
        var option = event.target.closest && event.target.closest(".place-search__option");
        if (!option) {
            return;
        }
        event.preventDefault();  // keep focus in the field until the choice is made
        var box = option.closest("form");
        var input = box && box.querySelector("input[type=text]");
        if (input) {
            choose(input, parseInt(option.getAttribute("data-index"), 10));
        }
    });

    document.addEventListener("focusout", function (event) {
        var input = event.target;
        if (isField(input)) {
            window.setTimeout(function () {
                if (document.activeElement !== input) {
                    close(input);
                }
            }, 150);
        }
    });

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form || !form.hasAttribute || !form.hasAttribute("data-place-search")) {
            return;
        }
        var input = form.querySelector("input[type=text]");
        var text = input ? input.value : "";
        var found = matches(text);
        if (input && found.length && (found[0].folded === fold(text) || found[0].code === fold(text))) {
            event.preventDefault();
            close(input);
            navigate(target(input, found[0]));
            return;
        }
        if (form.hasAttribute("data-place-add")) {
            return;  // no place named so: the form is sent as it is and the server says so
        }
        event.preventDefault();
        var params = new URLSearchParams();
        if (fold(text)) {
            params.set("q", text.trim());
        }
        if (input && lang(input) === "en") {
            params.set("lang", "en");
        }
        var query = params.toString();
        navigate(form.getAttribute("action") + (query ? "?" + query : ""));
    });

    // Lists: runs before assets/levande.js navigates (capture phase), on every change.
    document.addEventListener("change", function (event) {
        var select = event.target;
        if (!(select instanceof HTMLSelectElement) || !select.hasAttribute("data-append-to")) {
            return;
        }
        var form = select.form;
        var target = form && form.querySelector(
            "input[name='" + select.getAttribute("data-append-to") + "']"
        );
        if (!target) {
            return;
        }
        var base = (select.getAttribute("data-append-base") || "").split(",")
            .filter(function (item) { return item; });
        if (select.value && base.indexOf(select.value) < 0) {
            base.push(select.value);
        }
        target.value = base.join(",");
        select.removeAttribute("name");
    }, true);

    // On paper every folded table (a chart's table, an explanation) is shown: a closed
    // <details> prints as its summary only. The ones opened for printing fold again after.
    function unfoldForPrint() {
        document.querySelectorAll("details:not([open])").forEach(function (el) {
            el.setAttribute("open", "");
            el.setAttribute("data-print-opened", "1");
        });
    }

    function foldAfterPrint() {
        document.querySelectorAll("details[data-print-opened]").forEach(function (el) {
            el.removeAttribute("open");
            el.removeAttribute("data-print-opened");
        });
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("[data-print]");
        if (button) {
            event.preventDefault();
            unfoldForPrint();
            window.print();
        }
    });

    window.addEventListener("beforeprint", unfoldForPrint);
    window.addEventListener("afterprint", foldAfterPrint);

    // The day of printing in the print header (the page itself may be from an earlier day).
    function today() {
        var now = new Date();
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        var text = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
        document.querySelectorAll("[data-today]").forEach(function (el) {
            el.textContent = text;
        });
    }

    window.addEventListener("beforeprint", today);

    new MutationObserver(function () {
        enhance();
        today();
    }).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ["data-rendered"],
    });
})();
