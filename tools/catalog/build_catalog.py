#!/usr/bin/env python3
"""Builds data/catalog.json from the source excerpts saved under tools/catalog/sources/.

Inputs (all in this folder):
  families.json                          family facts (architecture, vendor, processor, ISA)
  regions.json                           region time zones and region costs
  sources/karpenter_pricing_us-east-1.txt   us-east-1 on-demand prices (Karpenter)
  sources/autoscaler_instance_types.txt     vCPUs and memory (cluster-autoscaler)
  sources/skypilot_regional_prices.csv      on-demand prices of other regions (SkyPilot, six regions)
  sources/skypilot_vms_27f67dd_pages*.csv   the same, from pages of a later version of the file
                                            (every file of the pattern; they must agree)

A price is written only when a source lists it. A price of another region may be derived
from a listed price of the same family in that region, by the rule documented in
docs/catalog.md ("Derived prices"); the generator checks the rule on the us-east-1 list
before it uses it and marks every derived price with `derived_by`.

Usage: python3 tools/catalog/build_catalog.py [--check]
  --check  exit 1 when data/catalog.json differs from what the sources give.
"""

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUT = ROOT / "data" / "catalog.json"
SNAPSHOT_DATE = "2026-12-06"
US_EAST_1 = "us-east-1"
# Sizes the catalog covers: large and up, metal included (docs/catalog.md).
SMALL_SIZES = {"nano", "micro", "small", "medium"}

SOURCES = {
    "karpenter-pricing": {
        "description": "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go "
                       "at commit 6fc13b5236fd04fd16ff3f9dc7490d0813994099 "
                       "(InitialOnDemandPricesAWS, us-east-1, generated 2026-07-20T13:44:30Z; whole file read), "
                       "Linux on-demand USD per hour",
        "date": "2026-07-20"},
    "autoscaler-instance-types": {
        "description": "kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/ec2_instance_types.go "
                       "at commit e964265b7440c0faa751f28f77b18166584d001d "
                       "(StaticListLastUpdateTime 2026-01-22; whole file read; VCPU and MemoryMb from "
                       "EC2 DescribeInstanceTypes)",
        "date": "2026-01-22"},
    "skypilot-vms": {
        "description": "skypilot-org/skypilot-catalog catalogs/v7/aws/vms.csv at commit "
                       "001367d22a0033fac286a8c71aeac7109e431bcb (column Price: on-demand USD per hour "
                       "by region), rows of 34 families in six regions excerpted, read 2026-11-29",
        "date": "2026-11-29"},
    "skypilot-vms-27f67dd": {
        "description": "skypilot-org/skypilot-catalog catalogs/v7/aws/vms.csv at commit "
                       "27f67dd4e1bc0d35fa0ec075180ad54b230882c4 (column Price: on-demand USD per hour "
                       "by region), 16,000-character pages read whole with the search tool on 2026-12-06 "
                       "and transcribed, one row per type and region, in "
                       "tools/catalog/sources/skypilot_vms_27f67dd_pages*.csv (each file's header lists "
                       "the pages it read); the file lists 22 commercial regions",
        "date": "2026-12-06"},
    "graviton-guide": {
        "description": "aws/aws-graviton-getting-started README.md at commit "
                       "83d74f4cd59be0db948a23fef62e34b8926546fa (2026-07-01), table 'Building for Graviton' "
                       "(instances, cores, architecture revision, SVE/SVE2)",
        "date": "2026-07-01"},
    "x86-evidence": {
        "description": "public observations of EC2 x86 processors and their ISA, quoted with their "
                       "locations in tools/catalog/sources/family_facts_evidence.md, read 2026-11-29 "
                       "and 2026-12-06",
        "date": "2026-12-06"},
    "family-evidence-s6": {
        "description": "processor of the families added on 2026-12-06, chiefly from AWS's own aws/aperf "
                       "docs/PMU.md (table 'Full PMU Event Lists', last changed by commit "
                       "4719a5ef89b29e3cfece4aed073c05e842483d52, 2026-08-04; read at "
                       "9ce1b360cf6e045e4a0a1a701b62fac042f2d316) and src/data/common/utils.rs, with "
                       "AWS announcements and Karpenter's instance-type labels as second sources; ISA "
                       "as the processor generation has it; quoted with their locations in "
                       "tools/catalog/sources/family_facts_evidence_s6.md",
        "date": "2026-12-06"},
    "region-costs": {
        "description": "gp3 USD per GB-month by region as transcribed from aws.amazon.com/ebs/pricing "
                       "(2021 table of 21 regions, us-east-1 re-read 2026-09-29) and the public IPv4 charge "
                       "of 0.005 USD per hour (since 2024-02-01); region list from aws ec2 "
                       "describe-regions as quoted in kubernetes/registry.k8s.io; see "
                       "tools/catalog/sources/ebs_gp3_and_ipv4.txt",
        "date": "2026-11-29"},
    "region-costs-fallback": {
        "description": "rule, not a list: a region the gp3 table of region-costs lacks takes the "
                       "table's highest gp3 price (0.152 USD per GB-month, sa-east-1) so that a cost "
                       "estimate is not understated; public IPv4 0.005 USD per hour as in region-costs",
        "date": "2026-12-06"},
}


def read_karpenter(path):
    prices = {}
    for name, value in re.findall(r'"([a-z0-9.-]+)":\s*([0-9.]+)', path.read_text()):
        if "." in name:
            prices[name] = float(value)
    return prices


def read_autoscaler(path):
    specs = {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, vcpus, memory_mb, arch = line.split()
        if name in specs:
            raise SystemExit(f"{path.name}: {name} listed twice")
        specs[name] = {"vcpus": int(vcpus), "memory_gib": int(memory_mb) / 1024, "arch": arch}
    return specs


def read_regional(path, source):
    """Rows InstanceType[,vCPUs,MemoryGiB],Price,Region as in SkyPilot's vms.csv, one per type
    and region, each tagged with the key of the source it was read from."""
    rows = {}
    if not path.exists():
        return rows
    with path.open() as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            key = (row["InstanceType"], row["Region"])
            price = float(row["Price"])
            if key in rows and rows[key]["price"] != price:
                raise SystemExit(f"{path.name}: {key} has two prices")
            rows[key] = {"price": price, "source": source,
                         "vcpus": float(row["vCPUs"]) if "vCPUs" in row else None,
                         "memory_gib": float(row["MemoryGiB"]) if "MemoryGiB" in row else None}
    return rows


PAGE_FILES = "skypilot_vms_27f67dd_pages*.csv"


def read_pages(directory, source):
    """Rows of every page file of the later SkyPilot version (PAGE_FILES, read in name order).
    The files are transcriptions of pages of one file, so a type and region that two of them
    give must have one price; two prices mean a transcription error, and the generator stops
    naming both files."""
    rows, origin = {}, {}
    for path in sorted(directory.glob(PAGE_FILES)):
        for key, row in read_regional(path, source).items():
            if key in rows and rows[key]["price"] != row["price"]:
                raise SystemExit(f"{key[0]} in {key[1]}: {origin[key]} gives {rows[key]['price']}, "
                                 f"{path.name} gives {row['price']}; check both transcriptions")
            rows.setdefault(key, row)
            origin.setdefault(key, path.name)
    return rows


def merge_regional(first, second, notes):
    """Rows of both files; where both list a type and region, they must agree, and the first
    (the dated excerpt) is kept."""
    merged = dict(second)
    for key, row in first.items():
        other = merged.get(key)
        if other and other["price"] != row["price"]:
            notes.append(f"{key[0]} in {key[1]}: {row['source']} {row['price']}, "
                         f"{other['source']} {other['price']}; the first is used")
        merged[key] = row
    return merged


def check_regional_linearity(regional, by_family, specs, linear_families):
    """A family whose us-east-1 prices are exactly linear in vCPUs is priced the same way in
    every region. A listed size of one region that is off the line through the region's
    largest listed size by more than 0.1% plus half a cent-tenth (0.0005 USD, the rounding of
    prices AWS publishes with three decimals, e.g. m5.large at 0.118 beside m5.4xlarge at
    0.942 in me-central-1) points to a transcription error in a saved excerpt, so the
    generator stops."""
    for family in linear_families:
        per_region = {}
        for name in by_family[family]:
            if is_metal(name):
                continue
            for (listed, region), row in regional.items():
                if listed == name:
                    per_region.setdefault(region, []).append((specs[name]["vcpus"], row["price"], name))
        for region, rows in per_region.items():
            vcpus, price, largest = max(rows)
            for other_vcpus, other_price, other in rows:
                expected = price * other_vcpus / vcpus
                if abs(other_price - expected) > 0.0005 + 0.001 * expected:
                    raise SystemExit(f"{family} in {region}: {other} ({other_price}) is off the line "
                                     f"through {largest} ({price}) by {(other_price / expected - 1) * 100:.2f}%; "
                                     f"check the excerpt")


def family_of(name):
    return name.split(".", 1)[0]


def family_facts(families, family):
    """The facts of `family` (families.json): its group's facts, with the group's source
    replaced where the family names its own ({"group": ..., "source": ...}): the facts are the
    group's, the evidence that the family has them is another source. None when not listed."""
    entry = families["families"].get(family)
    if entry is None:
        return None
    if isinstance(entry, str):
        return dict(families["groups"][entry])
    facts = dict(families["groups"][entry["group"]])
    facts["source"] = entry["source"]
    return facts


def is_metal(name):
    return name.split(".", 1)[1].startswith("metal")


def linear_in_vcpus(family_types, us_prices, specs):
    """True when the family's us-east-1 prices are price-per-vCPU constant (non-metal sizes)."""
    rates = {round(us_prices[t] / specs[t]["vcpus"], 9) for t in family_types if not is_metal(t)}
    return len(rates) == 1


def derive_price(name, region, family_types, regional, specs):
    """The listed non-metal price of the same family in `region` nearest in vCPUs, scaled."""
    candidates = [ref for ref in family_types if (ref, region) in regional and not is_metal(ref)]
    if not candidates:
        return None
    ref = min(candidates, key=lambda r: (abs(specs[r]["vcpus"] - specs[name]["vcpus"]), r))
    listed = regional[(ref, region)]
    value = round(listed["price"] * specs[name]["vcpus"] / specs[ref]["vcpus"], 6)
    rule = (f"linear in vCPUs from {ref} in {region} ({listed['price']} USD/h x "
            f"{specs[name]['vcpus']}/{specs[ref]['vcpus']}); the family's us-east-1 "
            f"list prices are exactly linear in vCPUs")
    return value, rule, listed["source"]


def build(args_check):
    families = json.loads((HERE / "families.json").read_text())
    regions = json.loads((HERE / "regions.json").read_text())["regions"]
    us_prices = read_karpenter(HERE / "sources" / "karpenter_pricing_us-east-1.txt")
    specs = read_autoscaler(HERE / "sources" / "autoscaler_instance_types.txt")
    gaps, notes = [], []
    regional = merge_regional(
        read_regional(HERE / "sources" / "skypilot_regional_prices.csv", "skypilot-vms"),
        read_pages(HERE / "sources", "skypilot-vms-27f67dd"),
        notes)
    distrust_regional(regional, us_prices)

    spec_sources = {name: "autoscaler-instance-types" for name in specs}
    for (name, _region), row in sorted(regional.items()):
        if name not in specs and row["vcpus"]:  # sizes the cluster-autoscaler list lacks
            arch = "arm64" if (family_facts(families, family_of(name)) or {}).get(
                "architecture") == "arm64" else "amd64"
            specs[name] = {"vcpus": int(row["vcpus"]), "memory_gib": row["memory_gib"], "arch": arch}
            spec_sources[name] = "skypilot-vms"
    chosen = sorted(name for name in us_prices
                    if family_of(name) in families["families"]
                    and name.split(".", 1)[1] not in SMALL_SIZES)
    types = []
    for name in chosen:
        if name not in specs:
            gaps.append(f"{name}: listed in the us-east-1 price list but no vCPU/memory source; left out")
            continue
        expected = "arm64" if family_facts(families, family_of(name))["architecture"] == "arm64" else "amd64"
        if specs[name]["arch"] != expected:
            raise SystemExit(f"{name}: cluster-autoscaler says {specs[name]['arch']}, family facts say {expected}")
        types.append(name)
    by_family = {}
    for name in types:
        by_family.setdefault(family_of(name), []).append(name)

    linear_families = [f for f in by_family if linear_in_vcpus(by_family[f], us_prices, specs)]
    check_regional_linearity({k: v for k, v in regional.items() if k[0] in types},
                             by_family, specs, linear_families)
    region_names = [r["name"] for r in regions]
    entries = []
    for name in types:
        fam = family_of(name)
        prices = {US_EAST_1: round(us_prices[name], 6)}
        linear = linear_in_vcpus(by_family[fam], us_prices, specs)
        for region in region_names:
            if region == US_EAST_1:
                continue
            listed = regional.get((name, region))
            if listed:
                check_spec(name, listed, specs, notes)
                prices[region] = {"usd_per_hour": listed["price"], "source": listed["source"],
                                  "basis": "copied"}
                continue
            derived = None
            if linear and not is_metal(name):
                derived = derive_price(name, region, by_family[fam], regional, specs)
            if derived:
                prices[region] = {"usd_per_hour": derived[0], "source": derived[2],
                                  "basis": "derived", "derived_by": derived[1]}
            else:
                gaps.append(f"{name}: no on-demand price for {region}")
        entries.append({"name": name, "vcpus": specs[name]["vcpus"],
                        "memory_gib": specs[name]["memory_gib"],
                        "spec_source": spec_sources[name],
                        "price_source": "karpenter-pricing", "on_demand_usd_per_hour": prices})
    check_us_east_1(regional, us_prices, notes)

    text = render(families, regions, entries)
    report(gaps, notes, entries)
    left_out = sorted(k for k in families["left_out"] if not k.startswith("_"))
    print(f"{len(left_out)} families left out (families.json 'left_out' says why): {', '.join(left_out)}")
    if args_check:
        if OUTPUT.read_text() != text:
            print("data/catalog.json is stale: run python3 tools/catalog/build_catalog.py")
            return 1
        return 0
    OUTPUT.write_text(text)
    return 0


def check_spec(name, listed, specs, notes):
    if listed["vcpus"] is None:
        return
    if listed["vcpus"] != specs[name]["vcpus"] or abs(listed["memory_gib"] - specs[name]["memory_gib"]) > 0.01:
        notes.append(f"{name}: SkyPilot lists {listed['vcpus']} vCPUs / {listed['memory_gib']} GiB, "
                     f"cluster-autoscaler {specs[name]['vcpus']} / {specs[name]['memory_gib']}")


def distrust_regional(regional, us_prices):
    """Drops every SkyPilot row of a type whose SkyPilot us-east-1 price disagrees with the
    reference list: its other regions likely come from the same mismatched product."""
    for (name, region), row in list(regional.items()):
        if region == US_EAST_1 and name in us_prices and abs(row["price"] - us_prices[name]) > 1e-6:
            print(f"note: {name}: SkyPilot us-east-1 {row['price']} != Karpenter {us_prices[name]}; "
                  f"its SkyPilot prices are not used")
            for key in [k for k in regional if k[0] == name]:
                del regional[key]


def check_us_east_1(regional, us_prices, notes):
    for (name, region), row in sorted(regional.items()):
        if region == US_EAST_1 and name in us_prices and abs(row["price"] - us_prices[name]) > 1e-6:
            notes.append(f"{name}: us-east-1 price differs: SkyPilot {row['price']}, Karpenter {us_prices[name]}")


def render(families, regions, entries):
    lines = ["{", '  "format_version": 1,', f'  "snapshot_date": "{SNAPSHOT_DATE}",', '  "sources": {']
    source_lines = [f'    {json.dumps(key)}: {json.dumps(value)}' for key, value in SOURCES.items()]
    lines.append(",\n".join(source_lines))
    lines += ["  },", '  "regions": [']
    region_lines = [f"    {json.dumps(r)}" for r in regions]
    lines.append(",\n".join(region_lines))
    lines += ["  ],", '  "families": [']
    family_lines = []
    for name in sorted(families["families"]):
        facts = family_facts(families, name)
        entry = {"name": name, "architecture": facts["architecture"], "vendor": facts["vendor"],
                 "processor": facts["processor"], "microarchitecture": facts["microarchitecture"],
                 "isa": sorted(facts["isa"]), "quota_class": quota_class(name, families),
                 "source": facts["source"]}
        family_lines.append(f"    {json.dumps(entry)}")
    lines.append(",\n".join(family_lines))
    lines += ["  ],", '  "types": [']
    lines.append(",\n".join(f"    {json.dumps(e)}" for e in entries))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def quota_class(family, families):
    """The EC2 on-demand vCPU quota class of a family, by its series (families.json)."""
    classes = families["quota_classes"]
    series = re.match(r"[a-z]+", family).group(0)
    return classes.get(series, "standard")


def report(gaps, notes, entries):
    print(f"{len(entries)} types written")
    for line in notes:
        print("note:", line)
    missing = {}
    for line in gaps:
        if ": no on-demand price for " in line:
            region = line.rsplit(" ", 1)[1]
            missing[region] = missing.get(region, 0) + 1
        else:
            print("gap:", line)
    for region, count in sorted(missing.items()):
        print(f"gap: {count} of {len(entries)} types have no price in {region}")


if __name__ == "__main__":
    sys.exit(build("--check" in sys.argv[1:]))
