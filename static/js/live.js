/*
 * Live refresh: keep a part of the page current while it is open.
 *
 * An element opts in with data-live-url (a websocket path, e.g.
 * "/ws/moderation/") and data-live-refresh (a same-origin URL answering an
 * HTML fragment). Events on the socket only say that something changed; the
 * fragment is then fetched again, so what shows always comes from the
 * database (docs/realtime.md). With data-live-announce, the attribute's text
 * is also read out by screen readers through a polite live region.
 *
 * The socket reconnects by itself with exponential backoff, and the
 * fragment is fetched once after every (re)connect, since events sent while
 * no socket was open are not replayed.
 */
(function () {
  "use strict";

  var FIRST_DELAY_MS = 1000;
  var MAX_DELAY_MS = 30000;
  // A socket that stayed open this long was healthy: start backoff afresh.
  var STABLE_MS = 30000;
  var ANNOUNCE_DELAY_MS = 100;
  var TEXT_ENTRY = "input, textarea, select, [contenteditable]";

  var watchers = [];
  var announcer = null;
  var stopped = false;

  function backoffDelay(attempt) {
    var base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, attempt));
    // +/-20% so that many pages do not all reconnect in the same instant
    // after a server restart.
    return Math.min(MAX_DELAY_MS, Math.round(base * (0.8 + Math.random() * 0.4)));
  }

  function isSocketPath(path) {
    return typeof path === "string" && path.charAt(0) === "/" && path.charAt(1) !== "/";
  }

  function isSameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (ignored) {
      return false;
    }
  }

  function socketUrl(path) {
    return (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path;
  }

  // Off screen but read out. Set through the CSSOM, which the CSP allows
  // (style-src 'self' only refuses style attributes parsed from markup).
  function hideVisually(element) {
    var style = element.style;
    style.position = "absolute";
    style.width = "1px";
    style.height = "1px";
    style.margin = "-1px";
    style.padding = "0";
    style.border = "0";
    style.overflow = "hidden";
    style.clipPath = "inset(50%)";
    style.whiteSpace = "nowrap";
  }

  function ensureAnnouncer() {
    if (announcer && announcer.isConnected) { return announcer; }
    announcer = document.createElement("div");
    hideVisually(announcer);
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    announcer.setAttribute("data-live-announcer", "");
    (document.querySelector("main") || document.body).appendChild(announcer);
    return announcer;
  }

  // The region is made on first use (most pages never announce anything);
  // the text goes in after a pause, once screen readers watch the region.
  // Clearing first makes the same words said twice heard twice.
  function announce(text) {
    var region = ensureAnnouncer();
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, ANNOUNCE_DELAY_MS);
  }

  function parseEvent(data) {
    try {
      var event = JSON.parse(data);
      return event && typeof event === "object" && typeof event.type === "string" ? event : null;
    } catch (ignored) {
      return null;
    }
  }

  function typingInside(element) {
    var active = document.activeElement;
    return Boolean(active && element.contains(active) && active.matches(TEXT_ENTRY));
  }

  function watch(element) {
    var path = element.getAttribute("data-live-url");
    var refreshUrl = element.getAttribute("data-live-refresh");
    if (!isSocketPath(path) || !isSameOrigin(refreshUrl)) { return null; }
    var announceText = element.getAttribute("data-live-announce");
    var socket = null;
    var attempt = 0;
    var openedAt = 0;
    var retryTimer = null;
    var inFlight = false;
    var fetchAgain = false;
    var changed = false;
    var heldHtml = null;
    var dirty = false;  // the person changed a field in here (a reason chosen, a note begun)
    var showLatest = null;

    // Offered while an update waits behind fields the person has filled in.
    function offerLatest() {
      if (showLatest && showLatest.isConnected) { return; }
      showLatest = document.createElement("button");
      showLatest.type = "button";
      showLatest.className = "live-show-latest";
      showLatest.textContent = "Show the latest (clears what you have filled in here)";
      showLatest.addEventListener("click", function () {
        dirty = false;
        if (heldHtml !== null) { swap(heldHtml); }
      });
      element.parentNode.insertBefore(showLatest, element);
    }

    // Replacing the markup under someone's cursor, or under a form they have
    // started to fill in, would lose their work: hold the update until focus
    // leaves and nothing is half-filled, and keep focus on the same control.
    function swap(html) {
      if (typingInside(element) || dirty) {
        heldHtml = html;
        if (dirty) { offerLatest(); }
        return;
      }
      var active = document.activeElement;
      var focusedId = active && element.contains(active) ? active.id : "";
      element.innerHTML = html;
      heldHtml = null;
      if (showLatest) { showLatest.remove(); showLatest = null; }
      if (focusedId) {
        var again = document.getElementById(focusedId);
        if (again && element.contains(again)) { again.focus(); }
      }
    }

    function refresh() {
      if (inFlight) { fetchAgain = true; return; }
      inFlight = true;
      var announceThis = changed;
      changed = false;
      window.fetch(refreshUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        // A redirect is the login page (signed out): not a fragment to show.
        if (!response.ok || response.redirected) { throw new Error("refresh " + response.status); }
        return response.text();
      }).then(function (html) {
        swap(html);
        if (announceThis && announceText) { announce(announceText); }
      }, function () {
        changed = changed || announceThis;  // still to tell, once it shows
      }).then(function () {
        inFlight = false;
        if (fetchAgain && !stopped) { fetchAgain = false; refresh(); }
      });
    }

    function onMessage(message) {
      var event = parseEvent(message.data);
      if (!event || event.type === "error") { return; }
      changed = true;
      refresh();
    }

    function scheduleReconnect() {
      if (stopped || retryTimer) { return; }
      if (openedAt && Date.now() - openedAt >= STABLE_MS) { attempt = 0; }
      openedAt = 0;
      retryTimer = window.setTimeout(function () {
        retryTimer = null;
        connect();
      }, backoffDelay(attempt));
      attempt += 1;
    }

    function connect() {
      if (stopped) { return; }
      try {
        socket = new window.WebSocket(socketUrl(path));
      } catch (ignored) {
        scheduleReconnect();
        return;
      }
      socket.addEventListener("open", function () {
        openedAt = Date.now();
        // Whatever happened while no socket was open (page load, outage).
        refresh();
      });
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", scheduleReconnect);
    }

    function stop() {
      window.clearTimeout(retryTimer);
      retryTimer = null;
      if (socket) { socket.close(); }
    }

    element.addEventListener("change", function () { dirty = true; });
    element.addEventListener("input", function () { dirty = true; });
    element.addEventListener("focusout", function () {
      window.setTimeout(function () {
        if (heldHtml !== null && !typingInside(element)) { swap(heldHtml); }
      }, 0);
    });
    connect();
    var watcher = { element: element, refresh: refresh, stop: stop };
    watchers.push(watcher);
    return watcher;
  }

  function watchAll(root) {
    var found = (root || document).querySelectorAll("[data-live-url][data-live-refresh]");
    Array.prototype.forEach.call(found, watch);
  }

  // Quick exit and ordinary navigation: no reconnecting from a page that is going.
  window.addEventListener("pagehide", function () {
    stopped = true;
    watchers.forEach(function (watcher) { watcher.stop(); });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watchAll(); });
  } else {
    watchAll();
  }

  window.LanternLive = { watchers: watchers, backoffDelay: backoffDelay, announce: announce };
}());
