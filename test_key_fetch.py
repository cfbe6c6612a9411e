"""The shared fetch of the key-based platforms (Platform.fetch_with_key),
driven by a row's data alone: which site a key's stored name asks at, when
another site or an older path is asked, and what an error status means.
A row made here for the test stands for any platform; the end-to-end tests
show the same rules on Kimi and MiniMax, and the key never printed."""

import json

import pytest

import mystatus
from conftest import Reply, headers_then
from payloads import KIMI, KIMI_GLOBAL, KIMI_KEY, MM, MM_CN, MM_KEY, NOW_TS, report

KEY = "fk-0123456789abcdefFAKEKEY"
A, B, A_OLD = "MYSTATUS_FAKE_A_URL", "MYSTATUS_FAKE_B_URL", "MYSTATUS_FAKE_A_OLD_URL"


def parse_which(payload, endpoint, now):
    """Says which endpoint answered, and that the clock was handed over."""
    assert now == NOW_TS
    return mystatus.Result(quotas=[mystatus.Quota(id=endpoint, remaining_percent=payload["left"])])


def row(**fields):
    """A two-site platform: `fake-a` keys at A (an older path behind it),
    `fake-b` keys at B; B is listed first, so a key of no site asks B first."""
    values = dict(id="fake", title="Fake Plan", parse=parse_which, auth_keys=("fake-a", "fake-b"),
                  sites={"fake-a": A, "fake-b": B}, older={A: A_OLD},
                  urls={B: "https://b.invalid/usage", A: "https://a.invalid/usage", A_OLD: "https://a.invalid/old"})
    values.update(fields)
    return mystatus.Platform(**values)


def path(variable):
    return "/" + variable.lower()


def fetch(server, platform, stored_as, timeout=5.0):
    source = "env:" + stored_as if stored_as.isupper() else "auth.json"
    cred = mystatus.read_api_key(stored_as, {"key": KEY}, source, platform.id)
    # A Network of its own environment: without one it takes the process's
    # proxies, and a shell with http_proxy set sent every request there.
    ctx = mystatus.Context(urls={v: server.url(path(v)) for v in platform.urls}, timeout=timeout, now=NOW_TS,
                           net=mystatus.Network(env={}))
    return platform.fetch_with_key(cred, ctx)


def asked(server):
    return [r.path for r in server.requests]


OK = Reply({"left": 50})


# Which endpoints a key is asked at ############################################


@pytest.mark.parametrize("stored_as, site", [("fake-a", A), ("fake-b", B)])
def test_a_stored_name_asks_at_its_own_site_alone_even_when_refused(server, stored_as, site):
    server.route(path(site), Reply({"message": "no"}, status=401))
    with pytest.raises(mystatus.MystatusError) as caught:
        fetch(server, row(), stored_as)
    assert caught.value.status == 401 and asked(server) == [path(site)]


def test_a_key_of_no_site_asks_each_site_in_the_order_of_urls(server):
    server.route(path(B), Reply({"message": "not ours"}, status=403))
    server.route(path(A), OK)
    result = fetch(server, row(), "FAKE_API_KEY")
    assert [q.id for q in result.quotas] == [A] and result.provider == "fake"
    assert asked(server) == [path(B), path(A)]
    assert all(r.header("Authorization") == "Bearer " + KEY for r in server.requests)


def test_a_key_of_no_site_goes_no_further_once_answered(server):
    server.route(path(B), OK)
    assert [q.id for q in fetch(server, row(), "FAKE_API_KEY").quotas] == [B]
    assert asked(server) == [path(B)]


def test_a_platform_of_one_site_asks_its_first_url_whatever_the_name():
    platform = mystatus.Platform(id="one", title="One", parse=parse_which,
                                 urls={"MYSTATUS_ONE_URL": "https://one.invalid", "MYSTATUS_TWO_URL": "https://x"})
    for stored_as in ("one-plan", "ONE_API_KEY", None):
        cred = mystatus.ApiKey(provider="one", key=KEY, stored_as=stored_as)
        assert platform.key_sites(cred) == ["MYSTATUS_ONE_URL"]


# (platform, name a key came under): the override variables it is asked at, in turn.
KEY_SITES = {
    ("kimi", "kimi-code-plan-global"): ["MYSTATUS_KIMI_GLOBAL_URL"],
    ("kimi", "kimi-code-plan-cn"): ["MYSTATUS_KIMI_URL"],
    ("kimi", "kimi-for-coding"): ["MYSTATUS_KIMI_URL"],
    ("kimi", "kimi-code"): ["MYSTATUS_KIMI_URL"],
    ("kimi", "KIMI_API_KEY"): ["MYSTATUS_KIMI_URL", "MYSTATUS_KIMI_GLOBAL_URL"],
    ("minimax", "minimax-coding-plan"): ["MYSTATUS_MINIMAX_URL"],
    ("minimax", "minimax-cn-coding-plan"): ["MYSTATUS_MINIMAX_CN_URL"],
    ("minimax", "minimax-china-coding-plan"): ["MYSTATUS_MINIMAX_CN_URL"],
    ("minimax", "MINIMAX_API_KEY"): ["MYSTATUS_MINIMAX_URL", "MYSTATUS_MINIMAX_CN_URL"],
    ("opencode-go", "opencode-go"): ["MYSTATUS_OPENCODE_GO_URL"],
    ("opencode-go", "opencode"): ["MYSTATUS_OPENCODE_GO_URL"],
    ("opencode-go", "OPENCODE_API_KEY"): ["MYSTATUS_OPENCODE_GO_URL"],
    ("zhipuai", "zhipuai-coding-plan"): ["MYSTATUS_ZHIPU_URL"],
    ("zhipuai", "ZHIPU_API_KEY"): ["MYSTATUS_ZHIPU_URL"],
    ("zai", "zai-coding-plan"): ["MYSTATUS_ZAI_URL"],
    ("zai", "ZAI_API_KEY"): ["MYSTATUS_ZAI_URL"],
    ("zai", "ZHIPU_API_KEY"): ["MYSTATUS_ZAI_URL"],
}


@pytest.mark.parametrize("platform, stored_as", sorted(KEY_SITES))
def test_which_endpoints_each_stored_name_and_variable_asks_at(platform, stored_as):
    row = mystatus.PLATFORM[platform]
    source = "env:" + stored_as if stored_as.isupper() else "auth.json"
    cred = row.read(stored_as, {"key": KEY}, source, platform)
    assert cred.stored_as == stored_as
    assert row.key_sites(cred) == KEY_SITES[platform, stored_as]


# When the next site is asked ##################################################


@pytest.mark.parametrize("status", [400, 402, 404, 429, 500, 503])
def test_another_status_is_the_failure_and_asks_no_other_site(server, status):
    server.route(path(B), Reply({"message": "busy"}, status=status))
    server.route(path(A), OK)
    with pytest.raises(mystatus.MystatusError) as caught:
        fetch(server, row(), "FAKE_API_KEY")
    assert caught.value.status == status and asked(server) == [path(B)]


def test_the_statuses_that_move_on_are_the_rows(server):
    server.route(path(B), Reply({"message": "teapot"}, status=418))
    server.route(path(A), OK)
    assert [q.id for q in fetch(server, row(next_on=(418,)), "FAKE_API_KEY").quotas] == [A]
    server.requests.clear()
    server.route(path(B), Reply({"message": "no"}, status=401))
    with pytest.raises(mystatus.MystatusError):
        fetch(server, row(next_on=(418,)), "FAKE_API_KEY")
    assert asked(server) == [path(B)]


def test_a_parsers_refusal_in_a_200_moves_on_too(server):
    """An API that says "wrong key" in a 200 (MiniMax's base_resp): the
    parser's error carries the status, and it is as good as the HTTP one."""
    def parse(payload, endpoint, now):
        if payload.get("refused"):
            raise mystatus.MystatusError(mystatus.M("the key was refused"), 401)
        return parse_which(payload, endpoint, now)

    server.route(path(B), Reply({"refused": True}))
    server.route(path(A), OK)
    assert [q.id for q in fetch(server, row(parse=parse), "FAKE_API_KEY").quotas] == [A]


def cut_short(handler):
    """A 200 whose body stops half-way: the server began to answer."""
    headers_then(handler, length=100)
    handler.wfile.write(b'{"left": ')
    handler.wfile.flush()


@pytest.mark.parametrize("how", ["timeout", "cut short", "not JSON", "page"])
def test_no_other_site_after_a_timeout_or_an_answer_begun(server, how):
    replies = {"timeout": server.silent(), "cut short": cut_short, "not JSON": Reply(raw="{", status=200),
               "page": Reply(raw="<html>maintenance</html>", headers={"Content-Type": "text/html"})}
    server.route(path(B), replies[how])
    server.route(path(A), OK)
    # Nothing answers in the timeout's case, so the timeout can be short.
    # That request is recorded by the server's thread in its own time, on a
    # busy machine after the client gave up: waited for, not assumed.
    with pytest.raises(mystatus.MystatusError) as caught:
        fetch(server, row(), "FAKE_API_KEY", timeout=0.25)
    server.received(path(B))
    assert caught.value.status is None and asked(server) == [path(B)]


# An older path ################################################################


def test_a_404_asks_the_older_path_of_the_same_site(server):
    server.route(path(A), Reply({"message": "Not Found"}, status=404))
    server.route(path(A_OLD), OK)
    assert [q.id for q in fetch(server, row(), "fake-a").quotas] == [A_OLD]
    assert asked(server) == [path(A), path(A_OLD)]


@pytest.mark.parametrize("status", [401, 403, 500])
def test_only_a_404_asks_the_older_path(server, status):
    server.route(path(A), Reply({"message": "no"}, status=status))
    server.route(path(A_OLD), OK)
    with pytest.raises(mystatus.MystatusError):
        fetch(server, row(), "fake-a")
    assert asked(server) == [path(A)]


def test_the_older_paths_404_is_the_failure_not_another_site(server):
    """Sites in the order B, A for a key of no site: A last, whose two paths
    both answer 404 -> that is the failure.  B first, whose 404 has no older
    path to go to -> no other site either: 404 is not a refusal."""
    server.route(path(B), Reply({"message": "no"}, status=401))
    server.route(path(A), Reply({"message": "Not Found"}, status=404))
    server.route(path(A_OLD), Reply({"message": "Not Found"}, status=404))
    with pytest.raises(mystatus.MystatusError) as caught:
        fetch(server, row(), "FAKE_API_KEY")
    assert caught.value.status == 404 and asked(server) == [path(B), path(A), path(A_OLD)]
    server.requests.clear()
    server.route(path(B), Reply({"message": "Not Found"}, status=404))
    with pytest.raises(mystatus.MystatusError):
        fetch(server, row(), "FAKE_API_KEY")
    assert asked(server) == [path(B)]


def test_the_older_paths_refusal_moves_on_to_the_next_site(server):
    two = row(sites={"fake-a": A, "fake-b": B}, older={B: A_OLD},
              urls={B: "https://b.invalid", A: "https://a.invalid", A_OLD: "https://b.invalid/old"})
    server.route(path(B), Reply({"message": "Not Found"}, status=404))
    server.route(path(A_OLD), Reply({"message": "no"}, status=401))
    server.route(path(A), OK)
    assert [q.id for q in fetch(server, two, "FAKE_API_KEY").quotas] == [A]
    assert asked(server) == [path(B), path(A_OLD), path(A)]


# What an error status means ###################################################

REFUSED = mystatus.M("the key was refused ({error}); check it")
REFUSED_B = mystatus.M("the key was refused ({error}); check fake-b")
NO_PLAN = mystatus.M("no plan on this key")


def meaning_row():
    return row(refusals={401: REFUSED, (401, "fake-b"): REFUSED_B}, status_notes={(403, "fake-a"): NO_PLAN})


@pytest.mark.parametrize("stored_as, said", [("fake-a", REFUSED), ("FAKE_API_KEY", REFUSED), ("fake-b", REFUSED_B)])
def test_a_refusal_is_said_by_where_the_key_is_kept(server, stored_as, said):
    for variable in (A, B):
        server.route(path(variable), Reply({"message": "bad key"}, status=401))
    with pytest.raises(mystatus.MystatusError) as caught:
        fetch(server, meaning_row(), stored_as)
    assert caught.value.msg.text == said.text and caught.value.status == 401
    assert mystatus.translate(caught.value.msg, {}).startswith("the key was refused (HTTP 401: bad key)")


def test_a_status_note_is_for_its_name_and_the_apis_own_answer_only(server):
    server.route(path(A), Reply({"message": "no plan"}, status=403))
    result = fetch(server, meaning_row(), "fake-a")
    assert (result.provider, result.quotas, result.notes, result.error) == ("fake", [], [NO_PLAN], None)
    server.route(path(B), Reply({"message": "no plan"}, status=403))
    with pytest.raises(mystatus.MystatusError):  # another name: a failure
        fetch(server, meaning_row(), "fake-b")
    server.route(path(A), Reply(raw="<html><title>Access denied</title></html>", status=403,
                                headers={"Content-Type": "text/html"}))
    with pytest.raises(mystatus.MystatusError) as caught:  # a proxy's page says nothing of the account
        fetch(server, meaning_row(), "fake-a")
    assert caught.value.status == 403


# End to end: the real rows, and the key never printed #########################


def echo(status, key):
    return Reply({"message": "unknown key " + key}, status=status)


@pytest.mark.parametrize("variable, key, routes", [
    ("KIMI_API_KEY", KIMI_KEY, {KIMI: 401, KIMI_GLOBAL: 403}),
    ("MINIMAX_API_KEY", MM_KEY, {MM: 403, MM_CN: 404, "/mystatus_minimax_cn_legacy_url": 401}),
])
def test_every_failure_on_the_way_hides_the_key(home, server, capsys, variable, key, routes):
    home.environ[variable] = key
    for where, status in routes.items():
        server.route(where, echo(status, key))
    status, out, err = report(capsys, "--verbose")
    assert status == 1 and out.splitlines()[-1].endswith("unknown key ****")
    assert [r.path for r in server.requests] == list(routes)  # each asked once, in turn
    _, document, _ = report(capsys, "--json")
    assert json.loads(document)["providers"][0]["ok"] is False
    for text in (out, err, document):
        assert key not in text and key[:12] not in text
