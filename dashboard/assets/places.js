/*
 * The place pages: type-ahead search and pickers, lists built from selects, the print button.
 *
 * Type-ahead: a form marked [data-type-ahead] works on its own (the search asks /sok?q=...).
 * Here its text field becomes an ARIA 1.2 combobox: the names come once from the address its
 * status line names (data-source: /platser.json for places, /indikatorer.json for
 * indicators, data-kind says which), both the names and what is typed are folded (no case,
 * no diacritics: "gavle" finds Gävle, as on the server), the best matches are listed under
 * the field, arrow keys move through them, Enter or a click opens the chosen place's profile
 * inside the app, Escape closes the list.
 *
 * The same combobox picks an item for a form marked data-add-to="<list>" (the comparison's
 * places and indicators): the chosen code is added to that comma-separated field and the
 * form's address is opened; without JavaScript the form sends the typed name, which the
 * server looks up.
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
    // Keyed by source address and language: the same file gives Swedish or English entries.
    var lists = {};     // "<address> <lang>" -> the entries, once loaded
    var loading = {};   // "<address> <lang>" -> the pending request
    // Each combobox keeps its own suggestions and active one: a page may have two (the
    // comparison's places and indicators), and closing one must not empty the other's list.
    var states = {};  // field id -> { active, items }

    function stateOf(input) {
        if (!states[input.id]) {
            states[input.id] = { active: -1, items: [] };
        }
        return states[input.id];
    }

    function fold(text) {
        return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
            .toLowerCase().replace(/\s+/g, " ").trim();
    }

    function rank(query, entry) {
        var name = entry.folded;
        if (name === query || entry.code === query) {
            return 0;
        }
        if (name.indexOf(query) === 0 || entry.code.indexOf(query) === 0) {
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

    // Best first: an exact name or code, a name that starts so, a later word that starts so,
    // anywhere in the name; then the entry's own order (municipalities before counties),
    // then the name.
    function matches(text, entries) {
        var query = fold(text);
        if (!query || !entries) {
            return [];
        }
        var found = [];
        entries.forEach(function (entry) {
            var r = rank(query, entry);
            if (r >= 0) {
                found.push({ rank: r, entry: entry });
            }
        });
        found.sort(function (a, b) {
            return a.rank - b.rank || a.entry.order - b.entry.order ||
                (a.entry.folded < b.entry.folded ? -1 : a.entry.folded > b.entry.folded ? 1 : 0);
        });
        return found.slice(0, MAX_SUGGESTIONS).map(function (f) { return f.entry; });
    }

    // One entry per suggestion, whatever the list: its code, its name and the detail shown
    // after it, in the page's language. A place's detail is its kind and county, an
    // indicator's its focus area.
    function entry(item, status, language) {
        var made = { code: String(item.code), order: 0, level: item.level || "" };
        if (status.getAttribute("data-kind") === "indicators") {
            var en = language === "en";
            made.name = (en && item.name_en) || item.name;
            made.detail = (en && item.area_en) || item.area || "";
        } else {
            var kind = status.getAttribute(item.level === "kommun" ? "data-kommun" : "data-lan");
            made.name = item.name;
            made.detail = item.county ? kind + ", " + item.county : kind;
            made.order = item.level === "kommun" ? 0 : 1;
        }
        made.folded = fold(made.name);
        return made;
    }

    function source(input) {
        var status = parts(input).status;
        return status ? status.getAttribute("data-source") + " " + lang(input) : null;
    }

    function entries(input) {
        return lists[source(input)] || null;
    }

    function load(input) {
        var status = parts(input).status;
        var key = source(input);
        if (!key || lists[key] || loading[key]) {
            return key ? loading[key] || null : null;
        }
        var language = lang(input);
        loading[key] = fetch(status.getAttribute("data-source"), { credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (items) {
                lists[key] = items.map(function (item) {
                    return entry(item, status, language);
                });
            })
            .catch(function () { lists[key] = []; });
        return loading[key];
    }

    // Every combobox is the text field of a form marked data-type-ahead; its list, status
    // line and language field are named after it ("<id>-list", "<id>-status", "<id>-lang").
    function isField(element) {
        return Boolean(element && element.tagName === "INPUT" && element.type === "text" &&
            element.closest && element.closest("form[data-type-ahead]"));
    }

    function parts(input) {
        return {
            form: input.form,
            list: document.getElementById(input.id + "-list"),
            status: document.getElementById(input.id + "-status"),
        };
    }

    function enhance() {
        document.querySelectorAll("form[data-type-ahead] input[type=text]").forEach(function (input) {
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

    // The address a picking form leads to: the chosen code added to the comma-separated
    // list the form names (data-add-to="places"), the typed text left out, so the address
    // is the page's canonical one.
    function addHref(form, input, chosen) {
        var list = form.getAttribute("data-add-to");
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value && name !== input.name) {
                params.set(name, String(value));
            }
        });
        var codes = (params.get(list) || "").split(",").filter(function (c) { return c; });
        if (codes.indexOf(chosen.code) < 0) {
            codes.push(chosen.code);
        }
        params.set(list, codes.join(","));
        return form.getAttribute("action") + "?" + params.toString();
    }

    function target(input, chosen) {
        var form = input.form;
        return form && form.hasAttribute("data-add-to")
            ? addHref(form, input, chosen)
            : hrefOf(input, chosen);
    }

    function navigate(url) {
        window.history.pushState({}, "", url);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
    }

    function close(input) {
        var p = parts(input);
        var state = stateOf(input);
        state.active = -1;
        state.items = [];
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        if (p.list) {
            p.list.hidden = true;
            p.list.textContent = "";
        }
    }

    function show(input) {
        var p = parts(input);
        if (!p.list || !p.status) {
            return;
        }
        var items = matches(input.value, entries(input));
        var state = stateOf(input);
        state.items = items;
        state.active = -1;
        p.list.textContent = "";
        input.removeAttribute("aria-activedescendant");
        items.forEach(function (item, i) {
            var li = document.createElement("li");
            li.id = input.id + "-opt-" + i;
            li.setAttribute("role", "option");
            li.setAttribute("aria-selected", "false");
            li.className = "place-search__option";
            li.setAttribute("data-index", String(i));
            var name = document.createElement("span");
            name.textContent = item.name;
            var detail = document.createElement("span");
            detail.className = "place-search__detail";
            detail.textContent = item.detail ? " – " + item.detail : "";
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
        var state = stateOf(input);
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
        var chosen = stateOf(input).items[index];
        if (!chosen) {
            return;
        }
        close(input);
        navigate(target(input, chosen));
    }

    document.addEventListener("focusin", function (event) {
        if (isField(event.target)) {
            enhance();
            load(event.target);
        }
    });

    document.addEventListener("input", function (event) {
        var input = event.target;
        if (!isField(input)) {
            return;
        }
        var pending = load(input);
        if (entries(input)) {
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
        var state = stateOf(input);
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

    // Focus leaving a field closes its list a moment later (a click on a suggestion lands
    // first). A re-render may have replaced the field by then: the timer looks the field up
    // again by its id, so a new field that has the focus keeps its list, and a stale timer
    // of the old one never empties the suggestions just typed for the new one.
    document.addEventListener("focusout", function (event) {
        var input = event.target;
        if (isField(input)) {
            var id = input.id;
            window.setTimeout(function () {
                var current = document.getElementById(id);
                if (current && isField(current) && document.activeElement !== current) {
                    close(current);
                }
            }, 150);
        }
    });

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!form || !form.hasAttribute || !form.hasAttribute("data-type-ahead")) {
            return;
        }
        var input = form.querySelector("input[type=text]");
        var text = input ? input.value : "";
        var found = input ? matches(text, entries(input)) : [];
        if (input && found.length && (found[0].folded === fold(text) || found[0].code === fold(text))) {
            event.preventDefault();
            close(input);
            navigate(target(input, found[0]));
            return;
        }
        if (form.hasAttribute("data-add-to")) {
            return;  // nothing named so: the form is sent as it is and the server says so
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
