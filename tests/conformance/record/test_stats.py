"""The recorder: HTTP requests and hypothesis examples counted apart, merged across workers."""

from __future__ import annotations

from larkpay_conformance.record.stats import FailureRecord, Recorder


def recorder_with_data() -> Recorder:
    recorder = Recorder()
    for _ in range(3):
        recorder.traffic.record("schema", "GET", "http://h/v2/payments", 200)
    recorder.traffic.record("schema", "POST", "http://h/v2/payments", 0)
    recorder.example("schema", 2)
    recorder.failure(FailureRecord("schema", "createPayment", ["a", "b"], "why", test="t"))
    recorder.add_time("schema", 1.5)
    return recorder


def test_to_json_counts_requests_and_examples_apart_and_rates_from_elapsed() -> None:
    summary = recorder_with_data().to_json(seed=7, profile="quick", target="t", elapsed=2.0)
    assert summary["http_requests"] == 4
    assert summary["hypothesis_examples"] == 2
    assert summary["http_requests_per_second"] == 2.0
    assert (summary["elapsed_from"], summary["elapsed_to"]) == ("process start", "summary")
    assert summary["layers"]["schema"] == {
        "http_requests": 4,
        "hypothesis_examples": 2,
        "failures": 1,
        "test_seconds": 1.5,
        "skipped": [],
    }
    assert summary["failures"][0]["checks"] == ["a", "b"]


def test_merge_adds_traffic_examples_and_time_of_a_worker() -> None:
    main = recorder_with_data()
    main.merge(recorder_with_data().part(), with_failures=False)
    assert main.total_requests() == 8
    assert main.examples["schema"] == 4
    assert main.layer_seconds["schema"] == 3.0
    assert len(main.failures) == 1


def test_merge_with_failures_takes_the_worker_failures() -> None:
    main = Recorder()
    main.merge(recorder_with_data().part())
    assert [f.operation for f in main.failures] == ["createPayment"]


def test_skip_keeps_each_reason_once_per_layer() -> None:
    recorder = Recorder()
    recorder.skip("webhooks", "unreachable")
    recorder.skip("webhooks", "unreachable")
    summary = recorder.to_json(seed=1, profile="quick", target="t", elapsed=1.0)
    assert summary["layers"]["webhooks"]["skipped"] == ["unreachable"]
