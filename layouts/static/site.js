/* Focus: small enhancements; every page works without them. */
(function () {
  "use strict";

  // Phone menu: a button that opens and closes the main navigation.
  var knop = document.querySelector(".menu-knop");
  var menu = document.getElementById("hoofdmenu");
  if (knop && menu) {
    knop.hidden = false;
    knop.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      knop.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // A table wider than the screen (a phone, large text) scrolls in its own box: a
  // keyboard can reach that box to scroll it; one that fits is no stop on the way.
  // Measured again whenever a box changes size (the fonts arrive, the text grows), and
  // named for a screen reader while it is a stop ("Tabel", with its first heading).
  var reachable = function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === box.hasAttribute("tabindex")) return;
    if (scrolls) {
      var heading = box.querySelector("th");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel" + (heading ? ": " + heading.textContent.trim() : ""));
    } else {
      ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
    }
  };
  var tables = document.querySelectorAll(".tabel-rol");
  if (tables.length && "ResizeObserver" in window) {
    // the box and its table: a table may grow wider in a box that keeps its size
    var watch = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { reachable(entry.target.closest(".tabel-rol")); });
    });
    tables.forEach(function (box) {
      watch.observe(box);
      var table = box.querySelector("table");
      if (table) watch.observe(table);
    });
  }

  // Films load from their host only after the reader asks for it.
  document.querySelectorAll(".film[data-film]").forEach(function (film) {
    var play = film.querySelector(".film-knop");
    if (!play) return;
    play.hidden = false;
    play.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = film.getAttribute("data-film");
      frame.title = "Film";
      frame.setAttribute("allow", "fullscreen; picture-in-picture");
      frame.setAttribute("loading", "lazy");
      var screen = film.querySelector(".film-scherm");
      screen.replaceWith(frame);
      frame.focus();
    });
  });

  // Search page: Pagefind's interface, started with the words from the header form.
  var zoeken = document.getElementById("zoeken");
  if (zoeken && window.PagefindUI) {
    var here = window.location.href;
    var root = new URL(zoeken.getAttribute("data-root"), here).pathname;
    // Absolute, so that this script and Pagefind's interface load one and the same module.
    var bundle = new URL(zoeken.getAttribute("data-bundle"), here).href;
    // A large site has an index per blok and katern beside the main one: Pagefind
    // merges them.
    var parts = JSON.parse(zoeken.getAttribute("data-parts") || "[]").map(function (part) {
      return bundle + part + "/";
    });
    var q = new URLSearchParams(window.location.search).get("q");
    var start = function () {
      // Pagefind sizes its interface in px: scale it with the reader's text size (the
      // root's font size; 16 px by default, where the scale stays 1)
      var size = parseFloat(window.getComputedStyle(document.documentElement).fontSize);
      if (size > 0) zoeken.style.setProperty("--pagefind-ui-scale", String(size / 16));
      var ui = new window.PagefindUI({
        element: "#zoeken",
        baseUrl: root,
        bundlePath: bundle,
        showSubResults: false,
        showImages: false,
        // the index weighs a record's own title; a result shows where it stands after
        // it ("Bijbelstudie · Hij zoekt ons op (blok 1)")
        processResult: function (result) {
          if (result.meta && result.meta.waar) {
            result.meta.title = result.meta.title + " · " + result.meta.waar;
            delete result.meta.waar; // else shown again below the excerpt, as a tag
          }
          return result;
        },
        // Pagefind's Dutch says "Reset" for emptying the field. The label above the field
        // says what it is for; the placeholder gives an example, short enough for a phone
        // ("Zoek in al het materiaal" was cut off at 375 px)
        translations: { placeholder: "Bijv. Zacheüs of gebed", clear_search: "Wissen" }
      });
      tie();
      pickOne();
      announce();
      hideEmpty();
      if (q) ui.triggerSearch(q);
    };
    // Pagefind shows only what matches every ticked value, and a result lies in one blok:
    // "Blok 1" and "Blok 2" together found nothing. So a value replaces the one ticked
    // before it in the same group, as a reader who ticks "Blok 2" means.
    var pickOne = function () {
      zoeken.addEventListener("change", function (event) {
        var box = event.target;
        if (!box.checked || !box.classList.contains("pagefind-ui__filter-checkbox")) return;
        var group = box.closest(".pagefind-ui__filter-block");
        if (!group) return;
        group.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (other) {
          if (other !== box) other.click();
        });
      });
    };
    // A value with no results for these words ("Agenda (0)") only empties the list: it is
    // left out, unless its group has a ticked value. Pagefind then counts the group's other
    // values as 0 (a result lies in one blok), and they must stay to switch to
    // (Pagefind's own showEmptyFilters: false hid them too).
    var hideEmpty = function () {
      var update = function () {
        zoeken.querySelectorAll(".pagefind-ui__filter-block").forEach(function (group) {
          var ticked = group.querySelector(".pagefind-ui__filter-checkbox:checked") !== null;
          var shown = 0;
          group.querySelectorAll(".pagefind-ui__filter-value").forEach(function (value) {
            var label = value.querySelector(".pagefind-ui__filter-label");
            var empty = !ticked && label !== null && /\(0\)\s*$/.test(label.textContent);
            if (value.hidden !== empty) value.hidden = empty;
            if (!empty) shown += 1;
          });
          // a group with nothing left to offer ("Onderdeel" for a word in the news only)
          if (group.hidden !== (shown === 0)) group.hidden = shown === 0;
        });
      };
      new MutationObserver(update).observe(zoeken, {
        childList: true, subtree: true, characterData: true
      });
      zoeken.addEventListener("change", update);
    };
    // Pagefind's "12 resultaten voor …" is plain text: a screen reader hears it from a
    // live region of our own, which is there before the first search.
    // "Meer resultaten laden" adds results above itself, silently: the keyboard was left
    // below them. The first new result takes the focus, and the status says how many came.
    var announce = function () {
      var more = { count: 0, said: "" };
      var status = document.createElement("p");
      status.className = "onzichtbaar";
      status.setAttribute("role", "status");
      zoeken.parentNode.appendChild(status);
      new MutationObserver(function () {
        var message = zoeken.querySelector(".pagefind-ui__message");
        var text = message ? message.textContent : "";
        var results = zoeken.querySelectorAll(".pagefind-ui__result");
        if (more.count && results.length > more.count) {
          var link = results[more.count].querySelector("a.pagefind-ui__result-link");
          if (link) {
            more.said = (results.length - more.count) + " resultaten meer geladen";
            more.count = 0;
            link.focus();
          }
        }
        if (more.said) text = more.said;
        if (status.textContent !== text) status.textContent = text;
      }).observe(zoeken, { childList: true, subtree: true, characterData: true });
      // counted before Pagefind's own handler adds the new results (capture phase)
      zoeken.addEventListener("click", function (event) {
        if (!event.target.closest(".pagefind-ui__button")) return;
        more.count = zoeken.querySelectorAll(".pagefind-ui__result").length;
        more.said = "";
      }, true);
      // a new search speaks for itself again
      var forget = function () { more.count = 0; more.said = ""; };
      zoeken.addEventListener("input", forget);
      zoeken.addEventListener("change", forget);
    };
    // Pagefind labels its field with a placeholder only; tie our visible label to it.
    var tie = function () {
      var input = zoeken.querySelector("input.pagefind-ui__search-input");
      if (!input) return window.requestAnimationFrame(tie);
      input.id = "zoekterm";
      input.removeAttribute("title");
      // the words stay in the address: Back from a result, or a shared link, finds them;
      // while there are words, a phone leaves out the page's introduction (site.css), so
      // that the first results are on the first screen
      var remember = function () {
        var address = new URL(window.location.href);
        if (input.value.trim()) address.searchParams.set("q", input.value);
        else address.searchParams.delete("q");
        window.history.replaceState(null, "", address);
        zoeken.parentNode.classList.toggle("zoekt", Boolean(input.value.trim()));
      };
      if (q) zoeken.parentNode.classList.add("zoekt");
      input.addEventListener("input", remember);
      // "Wissen" empties the field without an input event
      zoeken.addEventListener("click", function (event) {
        if (event.target.closest(".pagefind-ui__search-clear")) window.setTimeout(remember);
      });
      var label = document.createElement("label");
      label.htmlFor = "zoekterm";
      label.className = "zoeklabel";
      label.textContent = "Zoek in al het materiaal";
      zoeken.parentNode.insertBefore(label, zoeken);
    };
    // The parts are merged here, and all their filters loaded (31 KB for the shipped
    // content), before Pagefind's interface starts. The interface lists the filter values
    // of its latest search, and a part whose filter file had not yet arrived adds none:
    // its blok would be missing from the filters until the next search.
    import(bundle + "pagefind.js")
      .then(function (pagefind) {
        return pagefind
          .options({ baseUrl: root })
          .then(function () {
            // Each part gets the site's root as its base: Pagefind would take it from the
            // part's path ("../pagefind/blok1/" gives "/../"), and its links would miss a
            // site in a folder.
            return Promise.all(parts.map(function (part) {
              return pagefind.mergeIndex(part, { baseUrl: root });
            }));
          })
          .then(function () { return pagefind.filters(); });
      })
      .then(start, start); // without an index the interface says so itself
  }
})();
