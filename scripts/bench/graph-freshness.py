#!/usr/bin/env python3
"""How soon the network graph sees a connection accepted over HTTP (issue 5's "within 1 second").

Against a running server (default http://127.0.0.1:8091) whose data directory holds
members m-500001 … m-500006 with accounts fresh1…fresh6@example.org, password
"fresh-password", made once with:

    for i in 1 2 3 4 5 6; do
      passerelle accounts create --member m-$((500000+i)) --email fresh$i@example.org \
        --password fresh-password --data-dir DIR
    done

For each pair not yet connected: one invites, the other accepts; then the inviter asks
/api/v1/network/distance until it says 1. Prints the time from the accept's answer to that.
"""
import json
import sys
import time
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8091"


def call(method, path, token=None, body=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(BASE + path, method=method, data=data, headers=headers)) as answer:
        return json.loads(answer.read() or b"null")


tokens = {
    i: call("POST", "/api/v1/auth/login", body={"email": f"fresh{i}@example.org", "password": "fresh-password"})["token"]
    for i in range(1, 7)
}
for a, b in [(1, 2), (1, 3), (1, 4), (2, 5), (3, 6), (4, 5), (2, 6), (5, 6)]:
    target = f"m-{500000 + b}"
    if call("GET", f"/api/v1/network/distance?ids={target}", tokens[a])[target] == 1:
        continue
    call("POST", "/api/v1/connections", tokens[a], {"member_id": target})
    invitation = call("GET", "/api/v1/members/me/invitations", tokens[b])["results"][0]["id"]
    call("POST", f"/api/v1/connections/{invitation}/accept", tokens[b])
    accepted = time.perf_counter()
    while call("GET", f"/api/v1/network/distance?ids={target}", tokens[a])[target] != 1:
        if time.perf_counter() - accepted > 10:
            sys.exit(f"{target}: not seen after 10 s")
        time.sleep(0.002)
    print(f"m-{500000 + a} - {target}: seen by distance {(time.perf_counter() - accepted) * 1000:.1f} ms after the accept")
