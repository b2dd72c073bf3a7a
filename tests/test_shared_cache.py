"""Rate limits hold across worker processes: the cache every process uses is one shared store
(a database table by default, Redis when REDIS_URL is set), never a per-process memory."""

import socket
import uuid

import pytest
from django.conf import settings

from tests.test_settings import run_nearpeer

COUNT = """
import sys
import django
django.setup()
from nearpeer import ratelimit
key, times = sys.argv[1], int(sys.argv[2])
for _ in range(times):
    ratelimit.count_try(key, 600)
print(ratelimit.tries(key))
"""


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def _count_in_new_process(key: str, times: int, env: dict) -> int:
    done = run_nearpeer(
        "shell",
        "-c",
        COUNT.replace("sys.argv[1]", repr(key)).replace("int(sys.argv[2])", str(times)),
        DEBUG="true",
        **env,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1])


def test_the_default_cache_is_shared_between_processes():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


@pytest.mark.parametrize("store", ["db", "redis"])
def test_tries_counted_in_one_process_count_in_the_next(tmp_path, store):
    if store == "redis":
        if not _redis_running():
            pytest.skip("no Redis on 127.0.0.1:6379")
        env = {"REDIS_URL": "redis://127.0.0.1:6379/15"}
    else:
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}"}
        made = run_nearpeer("createcachetable", DEBUG="true", **env)
        assert made.returncode == 0, made.stderr
    key = f"test:tries:{uuid.uuid4().hex}"

    assert _count_in_new_process(key, 3, env) == 3
    assert _count_in_new_process(key, 2, env) == 5  # a second worker sees the first one's tries
