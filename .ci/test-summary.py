"""Prints the totals of every surefire report in the reactor, and each test that did not pass."""
import glob
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
broken = []
for report in sorted(glob.glob("*/target/surefire-reports/TEST-*.xml")):
    suite = ET.parse(report).getroot()
    module = report.split("/")[0]
    for key in totals:
        totals[key] += int(suite.get(key, 0))
    for case in suite.iter("testcase"):
        for outcome in ("failure", "error"):
            if case.find(outcome) is not None:
                broken.append(f"{outcome.upper():7} {module}: {case.get('classname')}.{case.get('name')}")
    print(f"{module:24} {suite.get('name').rsplit('.', 1)[-1]:48} tests={suite.get('tests')} "
          f"failures={suite.get('failures')} errors={suite.get('errors')} skipped={suite.get('skipped')}")
print()
print("TOTAL " + " ".join(f"{key}={value}" for key, value in totals.items()))
for line in broken:
    print(line)
