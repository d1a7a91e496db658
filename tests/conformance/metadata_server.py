#!/usr/bin/env python3
"""A loopback HTTP server for run_cli_metadata_refresh.sh.

Serves the files of a directory with an ETag (the SHA-256 of the bytes) and a
Last-Modified, answering a matching If-None-Match with 304. Special paths:
  /drop/NAME   sends a Content-Length for the whole file, then half the bytes, and closes
  /nolen/NAME  sends no Content-Length, half the bytes, and closes
  /status/N    answers with status N
Every request line and its If-None-Match are appended to DIR/requests.log. The port is
written to DIR/port once listening.

    python3 metadata_server.py DIR
"""
import hashlib
import http.server
import os
import sys

root = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with open(os.path.join(root, "requests.log"), "a") as log:
            log.write("%s %s\n" % (self.path, self.headers.get("If-None-Match", "-")))
        parts = self.path.strip("/").split("/")
        if parts[0] == "status":
            self.send_response(int(parts[1]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        mode = parts[0] if len(parts) == 2 else "plain"
        name = parts[-1]
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = open(path, "rb").read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()
        if mode == "plain" and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/samlmetadata+xml")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Thu, 28 May 2026 12:00:00 GMT")
        if mode == "nolen":
            self.send_header("Connection", "close")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode in ("drop", "nolen"):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(root, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(root, "port.tmp"), os.path.join(root, "port"))
server.serve_forever()
