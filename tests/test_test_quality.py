"""Every test of the project can fail; the check that says so is tried on small modules first."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.quality import (
    ROOT,
    WHY_CONDITIONAL,
    WHY_IMPORTORSKIP,
    WHY_NOTHING,
    suite_modules,
    weak_tests,
)


def test_every_test_of_the_project_checks_something():
    paths = suite_modules()
    # The check reads files: one that found none would pass on nothing.
    assert Path(__file__).resolve() in paths
    parts = [p.relative_to(ROOT).parts for p in paths]
    assert {app for top, app, *_rest in parts if top == "maillage"} >= {
        "core",
        "territories",
        "network",
        "governance",
        "site",
    }
    weak = weak_tests(paths)
    assert not weak, "Tests that cannot fail:\n" + "\n".join(weak)


def write(root: Path, name: str, source: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def weak_in(root: Path, source: str) -> list[str]:
    return weak_tests([write(root, "tests/test_sample.py", source)], root=root)


def test_a_test_without_an_assertion_is_reported_with_its_place_and_the_reason(tmp_path):
    weak = weak_in(
        tmp_path,
        """
        def compute():
            return 1


        def test_calls_only():
            compute()


        def test_asserts():
            assert compute() == 1


        class TestGroup:
            def test_method_without_check(self):
                compute()
        """,
    )
    assert weak == [
        f"tests/test_sample.py:6: test_calls_only: {WHY_NOTHING}",
        f"tests/test_sample.py:15: TestGroup.test_method_without_check: {WHY_NOTHING}",
    ]


def test_pytest_checks_and_query_fixtures_count(tmp_path):
    assert (
        weak_in(
            tmp_path,
            """
            import pytest
            from pytest import warns


            def test_raises():
                with pytest.raises(ValueError):
                    int("x")


            def test_warns():
                with warns(UserWarning):
                    pass


            def test_fails_on_purpose():
                pytest.fail("never")


            def test_budget(query_budget):
                query_budget(3)(lambda: None)


            def test_exact(django_assert_num_queries):
                with django_assert_num_queries(0):
                    pass


            def test_browser(page):
                expect(page).to_have_title("Maillage")
            """,
        )
        == []
    )


def test_a_query_fixture_taken_but_never_used_checks_nothing(tmp_path):
    [weak] = weak_in(tmp_path, "def test_unused(django_assert_num_queries):\n    pass\n")
    assert weak.startswith("tests/test_sample.py:1: test_unused: checks nothing")


def test_functions_that_assert_count_two_calls_deep_in_modules_and_fixtures_of_the_tests(tmp_path):
    write(
        tmp_path,
        "tests/support.py",
        """
        def assert_page(page):
            check(page)


        def check(page):
            if not page:
                raise AssertionError("no page")


        def shows(page):
            return page
        """,
    )
    write(
        tmp_path,
        "tests/conftest.py",
        """
        import pytest


        @pytest.fixture
        def visited():
            pages = []
            yield pages
            assert pages, "no page visited"


        @pytest.fixture
        def counted():
            def count(read):
                assert read() < 3

            return count


        @pytest.fixture
        def plain():
            return 1
        """,
    )
    weak = weak_in(
        tmp_path,
        """
        from tests import support
        from tests.support import check, shows


        def opens(page):
            return deeper(page)


        def deeper(page):
            return deepest(page)


        def deepest(page):
            assert page


        def test_imported_compute():
            check("/")


        def test_module_of_functions():
            support.assert_page("/")


        def test_fixture_asserting_at_teardown(visited):
            visited.append("/")


        def test_fixture_giving_an_asserting_function(counted):
            counted(lambda: 1)


        def test_nested_compute():
            def verify(value):
                assert value

            verify(1)


        def test_function_that_checks_nothing(plain):
            shows(plain)


        def test_too_deep():
            opens("/")
        """,
    )
    assert [line.split(": ")[1] for line in weak] == [
        "test_function_that_checks_nothing",
        "test_too_deep",
    ]


def test_the_projects_own_code_raising_is_no_check(tmp_path):
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/services.py", "def create():\n    raise ValueError('refused')\n")
    [weak] = weak_in(tmp_path, "from app.services import create\n\n\ndef test_x():\n    create()\n")
    assert WHY_NOTHING in weak


def test_checks_that_always_pass_are_reported(tmp_path):
    write(tmp_path, "app/__init__.py", "")
    weak = weak_in(
        tmp_path,
        """
        import pytest


        def test_conditional(html, email):
            assert email not in html if email else True


        def test_constant():
            assert True


        def test_tuple(value):
            assert (value, "message")


        def test_optional_import():
            app = pytest.importorskip("app")
            assert app
        """,
    )
    assert [line.split(": ", 2)[1:] for line in weak] == [
        ["test_conditional", f"line 6: {WHY_CONDITIONAL}"],
        ["test_constant", "line 10: asserts a constant, which always passes"],
        ["test_tuple", "line 14: asserts a tuple, which is always true"],
        ["test_optional_import", "line 18: " + WHY_IMPORTORSKIP.format(module="app")],
    ]
