#!/usr/bin/env python3
"""Open a kgx HTML report in headless Chromium (WebDriver, selenium) and check it.

    python3 tests/browser/check_report.py REPORT.html NODES EDGES SCREENSHOT.png

Checks, each an exit 1 with the reason when it fails:
  * the page loads (window.kgxReady) with no console error or warning of level SEVERE;
  * the node and edge counts shown in the page equal NODES and EDGES;
  * a real mouse click on an edge (at its drawn midpoint) shows that edge's evidence
    sentences, with the subject and object marked;
  * the document link of that evidence opens the document view with every mention
    marked by type, and the evidence sentence outlined;
  * the search box selects a node; unchecking a relation hides its edges;
  * the page made no network request (no http, https, ws or ftp URL).
Writes a screenshot to SCREENSHOT.png and prints a JSON summary.
Uses Debian's /usr/bin/chromium and /usr/bin/chromedriver (bash tests/interop/install.sh).
"""

import json
import os
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def fail(msg):
    print(f"check_report: {msg}", file=sys.stderr)
    sys.exit(1)


def main(report, nodes, edges, screenshot):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1600,1000", f"--user-data-dir={tempfile.mkdtemp(prefix='kgx-chromium-')}",
    ]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.get("file://" + os.path.abspath(report))
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.kgxReady === true"))
        shown = (driver.find_element(By.ID, "node-count").text, driver.find_element(By.ID, "edge-count").text)
        if shown != (str(nodes), str(edges)):
            fail(f"the page shows {shown[0]} nodes and {shown[1]} edges; the graph has {nodes} and {edges}")

        # A real click on an edge: its drawn midpoint, away from every node.
        target = driver.execute_script("""
            const cy = window.kgxCy, box = document.getElementById('cy').getBoundingClientRect();
            for (const e of cy.edges()) {
              if (e.source().id() === e.target().id()) continue;
              const p = e.renderedMidpoint();
              const clear = cy.nodes().every(n => {
                const b = n.renderedBoundingBox({includeLabels: true});
                return p.x < b.x1 - 6 || p.x > b.x2 + 6 || p.y < b.y1 - 6 || p.y > b.y2 + 6;
              });
              const others = cy.edges().filter(o => o.id() !== e.id() && o.renderedMidpoint &&
                Math.hypot(o.renderedMidpoint().x - p.x, o.renderedMidpoint().y - p.y) < 12).length;
              if (clear && others === 0 && p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10)
                return {id: e.id(), x: p.x, y: p.y, w: box.width, h: box.height, relation: e.data('relation')};
            }
            return null;""")
        if target is None:
            fail("no edge midpoint is clear of nodes to click on")
        canvas = driver.find_element(By.ID, "cy")
        ActionChains(driver).move_to_element_with_offset(
            canvas, int(target["x"] - target["w"] / 2), int(target["y"] - target["h"] / 2)
        ).click().perform()
        details = driver.find_element(By.ID, "details")
        WebDriverWait(driver, 10).until(lambda d: target["relation"] in details.find_element(By.TAG_NAME, "h2").text)
        items = details.find_elements(By.CSS_SELECTOR, "ol.evidence > li")
        if not items:
            fail(f"clicking edge {target['id']} shows no evidence")
        first = items[0]
        subj = first.find_elements(By.CSS_SELECTOR, "mark.subj")
        obj = first.find_elements(By.CSS_SELECTOR, "mark.obj")
        if not subj or not obj:
            fail(f"the evidence of {target['id']} does not mark both ends: {first.get_attribute('innerHTML')}")

        # The document view from that evidence.
        first.find_element(By.CSS_SELECTOR, "a.doclink").click()
        view = driver.find_element(By.ID, "docview")
        WebDriverWait(driver, 10).until(lambda d: view.is_displayed())
        marks = view.find_elements(By.CSS_SELECTOR, "mark.ent")
        types = sorted({m.get_attribute("class").split("ent-")[1].split()[0] for m in marks})
        if not marks:
            fail("the document view marks no mention")
        if not view.find_elements(By.CSS_SELECTOR, ".evsentence"):
            fail("the document view does not outline the evidence sentence")

        # Search: Enter selects the node.
        search = driver.find_element(By.ID, "search")
        search.send_keys("Russia", Keys.ENTER)
        selected = driver.execute_script("return window.kgxCy.$(':selected').map(n => n.id())")
        if "russia" not in selected:
            fail(f"searching Russia selected {selected}")

        # Filter: unchecking the clicked edge's relation hides its edges.
        before = int(driver.find_element(By.ID, "shown-edges").text)
        box = driver.find_element(By.CSS_SELECTOR, f"input.relation-filter[value='{target['relation']}']")
        box.click()
        after = int(driver.find_element(By.ID, "shown-edges").text)
        if not after < before:
            fail(f"unchecking {target['relation']} left {after} of {before} edges shown")
        box.click()
        driver.execute_script("window.kgxCy.fit(undefined, 30)")
        driver.save_screenshot(screenshot)

        logs = driver.get_log("browser")
        errors = [l for l in logs if l["level"] in ("SEVERE",)]
        if errors:
            fail(f"console errors: {errors}")
        requests = []
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                url = msg["params"]["request"]["url"]
                # The browser's own pages (chrome://new-tab-page...) are not the report's.
                if url.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp"):
                    requests.append(url)
        if requests:
            fail(f"the report made network requests: {requests}")
        print(json.dumps({"nodes": nodes, "edges": edges, "clicked": target["id"], "evidence": len(items),
                          "document_marks": len(marks), "types": types, "console": len(logs)}))
    finally:
        driver.quit()


if __name__ == "__main__":
    if len(sys.argv) != 5:
        fail(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
