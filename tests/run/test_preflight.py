"""The preflight: one function decides whether runs can start, and every command calls it."""

from __future__ import annotations

import os

import pytest

from briefing.errors import InputError, OutputError, ParamsError
from briefing.run.executors import ExecutorChoice, check_executor
from briefing.run.params import build_params
from briefing.run.preflight import Inputs, PreflightError, check_output_folder, preflight
from conftest import INDICATORS, ORG_UNITS, SAMPLE, months_rows, run_briefing, values_csv, write_tables


@pytest.fixture
def data(tmp_path):
    rows = months_rows("trained", "D1", 2020, [10] * 6) + months_rows("trained", "D2", 2020, [5] * 6)
    return write_tables(tmp_path / "data", indicators=INDICATORS, org_units=ORG_UNITS,
                        values=values_csv(rows))


def params(data, **changes):
    return build_params({"data": str(data), "period": "2020S1", "unit": "P"} | changes)


# --- what it returns, and what it refuses ---------------------------------------------------


def test_a_good_run_is_prepared_with_its_unit_data_notebook_and_target(data, tmp_path):
    [run] = preflight([params(data, unit=None, out=str(tmp_path / "out"))])
    assert run.params.unit == "P" and run.params.data == data.resolve()
    assert run.notebook.name == "briefing.ipynb"
    assert run.target == tmp_path / "out" / "2020S1" / "P"
    assert not (tmp_path / "out").exists(), "a preflight writes nothing"


def test_one_problem_is_raised_as_it_was_found(data):
    with pytest.raises(ParamsError, match="org unit 'X9' is not in the data"):
        preflight([params(data, unit="X9")])
    (data / "values.csv").write_text("indicator_id,org_unit,period,value\ntrained,P,2020-13,1\n")
    with pytest.raises(InputError, match="values.csv, line 2, column period"):
        preflight([params(data)])


def test_every_problem_of_every_job_is_named_at_once(data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999")
    base = params(data)
    jobs = [base, params(data, unit="D1"), params(data, unit="D2", lang="en"),
            params(data, unit="X9")]
    jobs += [j.__class__(**{**j.__dict__, "lang": "fr"}) for j in jobs[:2]]
    with pytest.raises(PreflightError) as caught:
        preflight(jobs, ExecutorChoice("local", workers=-3))
    message = str(caught.value)
    assert message.startswith("the batch cannot start: 4 problems")
    assert "SOURCE_DATE_EPOCH '99999999999999999'" in message
    assert "--workers -3: expected a whole number of at least 1" in message
    assert "2020S1/X9 briefing.vi: org unit 'X9' is not in the data" in message
    assert "2020S1/P briefing.fr, 2020S1/D1 briefing.fr: command line: lang 'fr'" in message


def test_a_data_set_or_notebook_shared_by_many_jobs_is_read_and_reported_once(data, monkeypatch):
    (data / "values.csv").write_text("indicator_id,org_unit,period,value\ntrained,P,2020-13,1\n")
    reads = []
    monkeypatch.setattr("briefing.run.preflight.read_dataset",
                        lambda path: reads.append(path) or (_ for _ in ()).throw(
                            InputError([], source=str(path))))
    with pytest.raises(InputError):
        preflight([params(data, unit=unit) for unit in ("P", "D1", "D2")])
    assert len(reads) == 1


def test_inputs_given_are_not_read_again(data, monkeypatch):
    from briefing.inputs.dataset import read_dataset as load_dataset

    dataset = load_dataset(data)
    monkeypatch.setattr("briefing.run.preflight.read_dataset", lambda path: pytest.fail("read again"))
    [run] = preflight([params(data)], inputs=Inputs([dataset]))
    assert run.dataset is dataset


# --- the output folder, checked without writing ---------------------------------------------


def test_an_output_folder_that_can_be_made_is_fine(tmp_path):
    check_output_folder(tmp_path / "new" / "deeper" / "2020S1" / "P")


@pytest.mark.parametrize("blocked, fragment", [
    ("out", "out is not a folder"), ("out/2020S1", "2020S1 is not a folder"),
    ("out/2020S1/P", "P is not a folder"),
])
def test_a_file_in_the_way_of_the_output_is_refused(tmp_path, blocked, fragment):
    (tmp_path / blocked).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / blocked).write_text("a file")
    with pytest.raises(OutputError, match=f"cannot write reports under {tmp_path}/out/2020S1: .*{fragment}"):
        check_output_folder(tmp_path / "out" / "2020S1" / "P")


def test_a_dangling_link_in_the_way_of_the_output_is_refused(tmp_path):
    (tmp_path / "out").symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match="is a broken link"):
        check_output_folder(tmp_path / "out" / "2020S1" / "P")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused(tmp_path):
    (tmp_path / "out").mkdir(mode=0o500)
    with pytest.raises(OutputError, match="Permission denied"):
        check_output_folder(tmp_path / "out" / "2020S1" / "P")


# --- the executor's options -------------------------------------------------------------------


@pytest.mark.parametrize("choice, fragment", [
    (ExecutorChoice(workers=-3), "--workers -3: expected a whole number of at least 1"),
    (ExecutorChoice(workers=0), "--workers 0: expected a whole number of at least 1"),
    (ExecutorChoice("dask", scheduler="not a url"), "--scheduler 'not a url': expected a Dask "
                                                    "scheduler address"),
    (ExecutorChoice("dask", scheduler="tcp://host:99999"), "--scheduler 'tcp://host:99999'"),
    (ExecutorChoice("dask", scheduler="tcp://host"), "(host and port)"),
    (ExecutorChoice("dask"), "--executor dask needs --scheduler ADDRESS"),
    (ExecutorChoice("local", scheduler="tcp://host:8786"), "--scheduler is for --executor dask"),
    (ExecutorChoice("spark"), "unknown executor 'spark'; expected one of: local, dask"),
])
def test_bad_executor_options_are_refused(choice, fragment):
    with pytest.raises(ParamsError) as caught:
        check_executor(choice)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:8786", "host.example:8786", "tls://h:1",
                                     "tcp://[::1]:8786", "inproc://10.0.0.1/123/1"])
def test_scheduler_addresses_dask_accepts(address):
    check_executor(ExecutorChoice("dask", scheduler=address))


# --- the commands: every one goes through the preflight, before any kernel --------------------


def test_validate_run_and_batch_all_call_the_preflight(monkeypatch, tmp_path, capsys):
    """By construction: a problem only the preflight knows stops all three commands."""
    from briefing.cli import main

    def refuse():
        raise ParamsError("refused by the preflight")

    monkeypatch.setattr("briefing.run.preflight.check_environment", refuse)
    common = ["--data", str(SAMPLE), "--period", "2020S1"]
    for argv in (["validate", *common], ["run", *common, "--out", str(tmp_path)],
                 ["batch", *common, "--units", "baclieu,giarai", "--out", str(tmp_path)]):
        assert main(argv) == 2, argv
        assert "refused by the preflight" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_batch_checks_every_language_before_the_first_report(tmp_path):
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units",
                          "baclieu,giarai", "--lang", "vi,fr", "--out", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert "2020S1/baclieu briefing.fr, 2020S1/giarai briefing.fr: command line: lang 'fr'" \
        in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("args, fragment", [
    (["--workers", "-3"], "--workers -3: expected a whole number of at least 1"),
    (["--workers", "0"], "--workers 0: expected a whole number of at least 1"),
    (["--executor", "dask", "--scheduler", "not a url"],
     "--scheduler 'not a url': expected a Dask scheduler address such as tcp://host:8786"),
])
def test_bad_batch_options_exit_two_with_one_line(tmp_path, args, fragment):
    result = run_briefing("batch", "--data", SAMPLE, "--period", "2020S1", "--units", "baclieu",
                          "--out", tmp_path / "out", *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"error: {fragment}{result.stderr.split(fragment, 1)[1]}"
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("epoch", ["99999999999999999", "253402300800", "abc", "1e9", "-5", "١٢"])
@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_bad_source_date_epoch_is_refused_before_the_kernel(tmp_path, command, epoch):
    out = tmp_path / "out"
    args = ["--out", out] if command == "run" else []
    result = run_briefing(command, "--data", SAMPLE, "--period", "2020S1", *args,
                          env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 2, result.stderr
    assert f"SOURCE_DATE_EPOCH '{epoch}': expected whole seconds since 1970-01-01" in result.stderr
    assert not out.exists()


def test_an_empty_out_flag_is_refused_and_nothing_is_written(tmp_path):
    result = run_briefing("run", "--data", SAMPLE, "--period", "2020S1", "--out", "", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "out '': expected a folder path" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_finds_what_run_finds_in_the_output_folder(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    params_file = tmp_path / "run.yaml"
    params_file.write_text(f"data: {SAMPLE}\nperiod: 2020S1\nout: out\n", encoding="utf-8")
    for command in ("validate", "run"):
        result = run_briefing(command, params_file)
        assert result.returncode == 2, (command, result.stderr)
        assert f"cannot write reports under {blocker}/2020S1: {blocker} is not a folder" \
            in result.stderr
    assert blocker.read_text() == "not a folder"
