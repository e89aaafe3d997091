"""The pieces of make bench that run without load: the baseline page, the parser."""

import pytest

from council.management.commands.bench import parse_wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.01ms    2.10ms  40.12ms   80.00%
  Latency Distribution
     50%    6.80ms
     75%    7.90ms
     90%    9.10ms
     99%   12.40ms
  45161 requests in 10.00s, 50.00MB read
Requests/sec:   4516.10
Transfer/sec:      5.00MB
"""


def test_parse_wrk_reads_throughput_and_p99():
    assert parse_wrk(WRK_OUTPUT) == (4516.10, 12.40)
    assert parse_wrk(WRK_OUTPUT.replace("12.40ms", "1.20s"))[1] == 1200.0
    assert parse_wrk(WRK_OUTPUT.replace("12.40ms", "850.00us"))[1] == pytest.approx(
        0.85
    )


def test_health_page_uses_no_database(client, db, django_assert_num_queries):
    """The baseline page answers without touching the database."""
    with django_assert_num_queries(0):
        response = client.get("/halsa/")
    assert response.status_code == 200
    assert "I drift" in response.content.decode()
