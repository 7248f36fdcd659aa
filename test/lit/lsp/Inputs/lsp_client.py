#!/usr/bin/env python3
"""A scripted LSP client that drives `iterguard --lsp` through one scenario.

    lsp_client.py SCENARIO WORKSPACE [ARGUMENT...] -- SERVER-COMMAND...

It prints a transcript on stdout for FileCheck: every published diagnostic
with its range, code, message and related information, the code actions, the
replies to odd messages and the server's exit status. File URIs are printed
relative to WORKSPACE. Timing-dependent facts (the order of versions during
bursts of edits) are checked here and printed as one verdict line. The
latency from each didChange to its publication goes to stderr.
"""

import json
import os
import queue
import random
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

TIMEOUT = 30.0


class Failure(Exception):
    pass


class Client:
    def __init__(self, command, workspace):
        self.workspace = os.path.realpath(workspace)
        self.server = subprocess.Popen(command, stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE)
        self.incoming = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self.read_loop, daemon=True)
        self.reader.start()

    # --- framing -------------------------------------------------------
    def read_loop(self):
        stream = self.server.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            body = stream.read(length)
            self.incoming.put((time.monotonic(), json.loads(body)))

    def write(self, *messages):
        data = b""
        for message in messages:
            body = json.dumps(dict(message, jsonrpc="2.0")).encode("utf-8")
            data += b"Content-Length: %d\r\n\r\n" % len(body) + body
        self.server.stdin.write(data)
        self.server.stdin.flush()

    def notify(self, method, params):
        self.write({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.write({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def receive(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Failure("timed out waiting for the server")
        try:
            item = self.incoming.get(timeout=remaining)
        except queue.Empty:
            raise Failure("timed out waiting for the server")
        if item is None:
            raise Failure("the server closed its output")
        return item

    # --- waiting -------------------------------------------------------
    def wait_for(self, predicate, timeout=TIMEOUT, seen=None):
        """Returns the first message that satisfies predicate. Diagnostics
        publications on the way are appended to seen, if given."""
        deadline = time.monotonic() + timeout
        while True:
            when, message = self.receive(deadline)
            if seen is not None and \
                    message.get("method") == "textDocument/publishDiagnostics":
                seen.append((when, message["params"]))
            if predicate(message):
                return when, message

    def response(self, request_id):
        return self.wait_for(lambda m: m.get("id") == request_id and
                             "method" not in m)[1]

    def publication(self, uri, version=None, seen=None):
        def matches(message):
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and \
                (version is None or params.get("version") == version)
        return self.wait_for(matches, seen=seen)

    def quiet_period(self, seconds):
        """Collects what arrives during the next seconds."""
        seen = []
        deadline = time.monotonic() + seconds
        while True:
            try:
                when, message = self.receive(deadline)
            except Failure:
                return seen
            seen.append((when, message))

    # --- documents -----------------------------------------------------
    def uri(self, name):
        return "file://" + urllib.request.pathname2url(
            os.path.join(self.workspace, name))

    def name(self, uri):
        path = urllib.parse.unquote(urllib.parse.urlparse(uri).path)
        return os.path.relpath(path, self.workspace)

    def open(self, name, version=1):
        with open(os.path.join(self.workspace, name), encoding="utf-8") as f:
            text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri(name), "languageId": "cpp", "version": version,
            "text": text}})
        return text

    def change_message(self, name, version, changes):
        return {"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": self.uri(name), "version": version},
            "contentChanges": changes}}

    def finish(self):
        shutdown = self.request("shutdown", None)
        reply = self.response(shutdown)
        print("shutdown result: %s" % json.dumps(reply.get("result")))
        self.notify("exit", None)
        try:
            status = self.server.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.server.kill()
            raise Failure("the server did not exit after 'exit'")
        print("server exit status: %d" % status)


def position(p):
    return "%d:%d" % (p["line"], p["character"])


def span(r):
    return "%s-%s" % (position(r["start"]), position(r["end"]))


def print_publication(client, params):
    diagnostics = params["diagnostics"]
    print("publish %s version=%s diagnostics=%d" % (
        client.name(params["uri"]), params.get("version", "none"),
        len(diagnostics)))
    for d in diagnostics:
        print("  %s severity=%d source=%s code=%s: %s" % (
            span(d["range"]), d["severity"], d["source"], d["code"],
            d["message"]))
        for info in d.get("relatedInformation", []):
            location = info["location"]
            print("    related %s %s: %s" % (
                client.name(location["uri"]), span(location["range"]),
                info["message"]))


def print_actions(client, actions):
    print("code actions: %d" % len(actions))
    for action in actions:
        print("  %s [%s] preferred=%s diagnostics=%d" % (
            action["title"], action["kind"], action.get("isPreferred"),
            len(action.get("diagnostics", []))))
        for uri, edits in sorted(action["edit"]["changes"].items()):
            for edit in edits:
                print("    edit %s %s -> %s" % (
                    client.name(uri), span(edit["range"]),
                    json.dumps(edit["newText"])))


def initialize(client):
    request = client.request("initialize", {
        "processId": os.getpid(), "rootUri": client.uri("."),
        "capabilities": {}})
    result = client.response(request)["result"]
    capabilities = result["capabilities"]
    print("server: %s" % result["serverInfo"]["name"])
    print("capabilities: %s" % json.dumps(capabilities, sort_keys=True))
    client.notify("initialized", {})


def full_change(text):
    return [{"text": text}]


def ranged_change(text, old, new, line_hint):
    """The incremental change that replaces the first `old` on line_hint."""
    line = text.split("\n")[line_hint]
    column = line.index(old)
    return [{"range": {"start": {"line": line_hint, "character": column},
                       "end": {"line": line_hint,
                               "character": column + len(old)}},
             "text": new}]


def check_versions(label, published, expected_count, last_version):
    """Versions never go backwards, each publication's diagnostics match the
    text of the version it names, and the last one is last_version."""
    versions = [p.get("version") for _, p in published]
    problems = []
    if versions != sorted(versions):
        problems.append("versions went backwards: %s" % versions)
    for _, p in published:
        want = expected_count(p["version"])
        if len(p["diagnostics"]) != want:
            problems.append("version %d has %d diagnostics, expected %d" % (
                p["version"], len(p["diagnostics"]), want))
    if not versions or versions[-1] != last_version:
        problems.append("last published version is %s, expected %d" % (
            versions[-1] if versions else None, last_version))
    if problems:
        print("%s: FAILED: %s" % (label, "; ".join(problems)))
    else:
        print("%s: ok" % label)
    return versions


def scenario_basic(client):
    initialize(client)
    name = "escape.cpp"
    uri = client.uri(name)
    buggy = client.open(name)
    _, message = client.publication(uri)
    print_publication(client, message["params"])
    diagnostic = message["params"]["diagnostics"][0]

    request = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}})
    print_actions(client, client.response(request)["result"])
    # A range away from the finding has no action.
    request = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 0, "character": 0},
                  "end": {"line": 0, "character": 3}},
        "context": {"diagnostics": []}})
    print("code actions on line 0: %d" %
          len(client.response(request)["result"]))

    # Unsaved text that fixes the bug; the file on disk keeps it.
    fixed = buggy.replace("for (std::string name", "for (const std::string& name")
    sent = time.monotonic()
    client.write(client.change_message(name, 2, full_change(fixed)))
    when, message = client.publication(uri, version=2)
    print_publication(client, message["params"])
    latencies = [when - sent]

    # An incremental edit that brings it back.
    change = ranged_change(fixed, "const std::string& ", "std::string ", 5)
    sent = time.monotonic()
    client.write(client.change_message(name, 3, change))
    when, message = client.publication(uri, version=3)
    print_publication(client, message["params"])
    latencies.append(when - sent)

    # Ten versions in one write: only the last is analyzed and published.
    texts = {}
    burst = []
    for version in range(4, 14):
        texts[version] = fixed if version % 2 == 0 else buggy
        burst.append(client.change_message(name, version,
                                           full_change(texts[version])))
    seen = []
    client.write(*burst)
    client.publication(uri, version=13, seen=seen)
    seen += [(w, m["params"]) for w, m in client.quiet_period(1.0)
             if m.get("method") == "textDocument/publishDiagnostics"]
    versions = check_versions(
        "burst", seen, lambda v: 1 if texts[v] == buggy else 0, 13)
    print("burst published versions: %s" % versions)

    # Edits spaced around the debounce delay and the analysis time, so some
    # arrive while an older version is being analyzed: whatever is published
    # must match the text of the version it names.
    rng = random.Random(8)
    seen = []
    for version in range(14, 26):
        texts[version] = fixed if rng.random() < 0.5 else buggy
        client.write(client.change_message(name, version,
                                           full_change(texts[version])))
        seen += [(w, m["params"]) for w, m in
                 client.quiet_period(rng.uniform(0.0, 0.5))
                 if m.get("method") == "textDocument/publishDiagnostics"]
    texts[26] = buggy
    client.write(client.change_message(name, 26, full_change(buggy)))
    client.publication(uri, version=26, seen=seen)
    seen += [(w, m["params"]) for w, m in client.quiet_period(1.0)
             if m.get("method") == "textDocument/publishDiagnostics"]
    check_versions("spaced edits", seen,
                   lambda v: 1 if texts[v] == buggy else 0, 26)
    print_publication(client, seen[-1][1])

    # Saving re-analyzes; the diagnostics stay.
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    _, message = client.publication(uri, version=26)
    print("after save: %d diagnostics" %
          len(message["params"]["diagnostics"]))

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    _, message = client.publication(uri)
    print_publication(client, message["params"])
    client.finish()
    sys.stderr.write("didChange to publishDiagnostics: %s ms\n" % ", ".join(
        "%.0f" % (1000 * t) for t in latencies))


def scenario_protocol(client):
    # Requests before initialize are refused, notifications dropped.
    early = client.request("textDocument/codeAction", {})
    print("before initialize: %s" %
          json.dumps(client.response(early)["error"]["code"]))
    initialize(client)
    again = client.request("initialize", {"capabilities": {}})
    print("second initialize: %s" %
          json.dumps(client.response(again)["error"]["code"]))
    unknown = client.request("textDocument/hover", {
        "textDocument": {"uri": client.uri("escape.cpp")},
        "position": {"line": 0, "character": 0}})
    error = client.response(unknown)["error"]
    print("unknown request: %d %s" % (error["code"], error["message"]))
    client.notify("$/cancelRequest", {"id": unknown})
    client.notify("workspace/didChangeConfiguration", {"settings": {}})
    client.notify("textDocument/didChange", {"textDocument": {
        "uri": client.uri("not-open.cpp"), "version": 2},
        "contentChanges": [{"text": ""}]})
    client.server.stdin.write(b"Content-Length: 5\r\n\r\n{oops")
    client.server.stdin.flush()
    bad = client.wait_for(lambda m: "error" in m and m.get("id") is None)[1]
    print("invalid JSON: %d" % bad["error"]["code"])
    # The server still answers after all that.
    request = client.request("textDocument/codeAction", {
        "textDocument": {"uri": client.uri("escape.cpp")},
        "range": {"start": {"line": 0, "character": 0},
                  "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}})
    print("code actions for a closed document: %s" %
          json.dumps(client.response(request)["result"]))
    shutdown = client.request("shutdown", None)
    client.response(shutdown)
    after = client.request("textDocument/codeAction", {})
    print("after shutdown: %d" % client.response(after)["error"]["code"])
    client.notify("exit", None)
    print("server exit status: %d" % client.server.wait(timeout=TIMEOUT))


def scenario_no_shutdown(client):
    initialize(client)
    client.notify("exit", None)
    print("server exit status: %d" % client.server.wait(timeout=TIMEOUT))


def scenario_header(client):
    initialize(client)
    source, header = "src/main.cpp", "include/registry.h"
    client.open(source)
    seen = []
    _, message = client.publication(client.uri(source), seen=seen)
    print_publication(client, message["params"])
    # The header's finding is not published while the header is closed.
    seen += [(w, m["params"]) for w, m in client.quiet_period(0.5)
             if m.get("method") == "textDocument/publishDiagnostics"]
    print("publications for the closed header: %d" % sum(
        1 for _, p in seen if p["uri"] == client.uri(header)))
    text = client.open(header)
    _, message = client.publication(client.uri(header), version=1)
    print_publication(client, message["params"])
    # An unsaved fix in the header reaches the source that includes it too.
    fixed = text.replace("values.push_back(0);", "")
    client.write(client.change_message(header, 2, full_change(fixed)))
    _, message = client.publication(client.uri(header), version=2)
    print_publication(client, message["params"])
    client.finish()


def scenario_stale(client):
    initialize(client)
    name = "slow.cpp"
    uri = client.uri(name)
    with open(os.path.join(client.workspace, name), encoding="utf-8") as f:
        buggy = f.read()
    fixed = buggy.replace("for (std::string name",
                          "for (const std::string& name")
    # Version 2 arrives while version 1 is being analyzed.
    open_message = {"method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "cpp", "version": 1,
                         "text": buggy}}}
    seen = []
    client.write(open_message,
                 client.change_message(name, 2, full_change(fixed)))
    client.publication(uri, version=2, seen=seen)
    print("published versions after open: %s" %
          [p.get("version") for _, p in seen])
    print_publication(client, seen[-1][1])
    # Version 3 waits out the debounce delay and starts its analysis; version
    # 4 arrives before that analysis can finish.
    seen = []
    client.write(client.change_message(name, 3, full_change(buggy)))
    seen += [(w, m["params"]) for w, m in client.quiet_period(0.3)
             if m.get("method") == "textDocument/publishDiagnostics"]
    client.write(client.change_message(name, 4, full_change(fixed)))
    client.publication(uri, version=4, seen=seen)
    seen += [(w, m["params"]) for w, m in client.quiet_period(0.5)
             if m.get("method") == "textDocument/publishDiagnostics"]
    print("published versions after edits: %s" %
          [p.get("version") for _, p in seen])
    print_publication(client, seen[-1][1])
    client.finish()


def scenario_open(client, name):
    """Opens one document and prints what the server answers first: its
    diagnostics, or a message shown to the user."""
    initialize(client)
    uri = client.uri(name)
    client.open(name)
    _, message = client.wait_for(
        lambda m: m.get("method") == "window/showMessage" or
        (m.get("method") == "textDocument/publishDiagnostics" and
         m["params"]["uri"] == uri))
    if message["method"] == "window/showMessage":
        print("showMessage type=%d: %s" % (message["params"]["type"],
                                           message["params"]["message"]))
    else:
        print_publication(client, message["params"])
    client.finish()


SCENARIOS = {
    "open": scenario_open,
    "stale": scenario_stale,
    "basic": scenario_basic,
    "protocol": scenario_protocol,
    "no-shutdown": scenario_no_shutdown,
    "header": scenario_header,
}


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    scenario, workspace, arguments = argv[0], argv[1], argv[2:split]
    client = Client(argv[split + 1:], workspace)
    try:
        SCENARIOS[scenario](client, *arguments)
    except Failure as failure:
        print("lsp_client: error: %s" % failure)
        client.server.kill()
        return 1
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
