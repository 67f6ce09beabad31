#!/usr/bin/env python3
"""Tests of build_catalog.read_pages: every page file of the later SkyPilot version is read,
and a type and region that two files price differently stops the generator naming both files.

Usage: build_catalog_pages_test.py TOOLS_CATALOG_DIR
"""

import sys
import tempfile
import unittest
from pathlib import Path

HEADER = "# a transcription\nInstanceType,Price,Region\n"


def write(directory, name, rows):
    (directory / name).write_text(HEADER + "".join(f"{t},{p},{r}\n" for t, p, r in rows))


class ReadPagesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_rows_of_every_page_file_are_read(self):
        write(self.dir, "skypilot_vms_27f67dd_pages.csv", [("m5.large", "0.107", "ap-northeast-1")])
        write(self.dir, "skypilot_vms_27f67dd_pages_s6a.csv", [("c5.large", "0.114", "af-south-1")])
        write(self.dir, "skypilot_vms_27f67dd_pages_s6b.csv", [("r5.large", "0.151", "af-south-1")])
        rows = build_catalog.read_pages(self.dir, "skypilot-vms-27f67dd")
        self.assertEqual(sorted(rows), [("c5.large", "af-south-1"), ("m5.large", "ap-northeast-1"),
                                        ("r5.large", "af-south-1")])
        self.assertEqual(rows[("c5.large", "af-south-1")]["price"], 0.114)
        self.assertEqual({row["source"] for row in rows.values()}, {"skypilot-vms-27f67dd"})

    def test_files_outside_the_pattern_are_not_read(self):
        write(self.dir, "skypilot_regional_prices.csv", [("c5.large", "0.999", "af-south-1")])
        write(self.dir, "skypilot_vms_27f67dd_pages.csv", [("c5.large", "0.114", "af-south-1")])
        rows = build_catalog.read_pages(self.dir, "skypilot-vms-27f67dd")
        self.assertEqual(rows[("c5.large", "af-south-1")]["price"], 0.114)

    def test_a_row_read_twice_with_one_price_is_kept_once(self):
        write(self.dir, "skypilot_vms_27f67dd_pages.csv", [("c5.large", "0.114", "af-south-1")])
        write(self.dir, "skypilot_vms_27f67dd_pages_s6a.csv", [("c5.large", "0.1140", "af-south-1")])
        rows = build_catalog.read_pages(self.dir, "skypilot-vms-27f67dd")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[("c5.large", "af-south-1")]["price"], 0.114)

    def test_two_prices_for_one_row_name_both_files(self):
        write(self.dir, "skypilot_vms_27f67dd_pages.csv", [("c5.large", "0.114", "af-south-1")])
        write(self.dir, "skypilot_vms_27f67dd_pages_s6b.csv", [("c5.large", "0.141", "af-south-1")])
        with self.assertRaises(SystemExit) as caught:
            build_catalog.read_pages(self.dir, "skypilot-vms-27f67dd")
        message = str(caught.exception)
        for part in ("c5.large", "af-south-1", "skypilot_vms_27f67dd_pages.csv", "0.114",
                     "skypilot_vms_27f67dd_pages_s6b.csv", "0.141"):
            self.assertIn(part, message)


if __name__ == "__main__":
    sys.path.insert(0, sys.argv.pop(1))
    import build_catalog  # noqa: E402  (the tool's folder is only known at run time)
    unittest.main()
