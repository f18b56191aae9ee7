import QtQuick
import QtTest
import QtWebEngine

// The payload suite in Chromium: each payload's rendered card detail is loaded as a page (with
// JavaScript on, as in the SMART launch browser) whose base URL is a loopback tracker. No script
// may run (a payload's script would set window.__pwned), no element that fetches or runs may
// exist, every link must be http(s), and the tracker must see no connection. A control page with
// the raw payload HTML proves script and fetches would be noticed.
TestCase {
    id: testCase
    name: "MarkdownInWebEngine"
    when: windowShown
    width: 600
    height: 400

    WebEngineView {
        id: view
        anchors.fill: parent
        // The browser's own favicon request to the base URL's origin is not page content.
        settings.autoLoadIconsForPage: false
        settings.touchIconsEnabled: false
    }

    SignalSpy {
        id: loads
        target: view
        signalName: "loadingChanged"
    }

    function loadAndWait(html) {
        loads.clear();
        view.loadHtml("<html><head><title>probe</title></head><body>" + html + "</body></html>",
                      MarkdownLab.trackerUrl + "/base/");
        tryVerify(() => !view.loading && loads.count >= 2, 20000);
        wait(300); // late subresource fetches and timers
    }

    function evaluate(script) {
        let result;
        let done = false;
        view.runJavaScript(script, value => { result = value; done = true; });
        tryVerify(() => done, 10000);
        return result;
    }

    readonly property string probe: "JSON.stringify({pwned: typeof window.__pwned,"
        + " active: document.querySelectorAll('script,img,iframe,object,embed,svg,link,meta,base,"
        + "form,style,video,audio,source,[onerror],[onload],[onclick],[onmouseover],[style*=url]').length,"
        + " badLinks: [...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length})"

    function test_0_controlRawHtmlRunsAndFetches() {
        const hits = MarkdownLab.trackerHits;
        loadAndWait("<img src='" + MarkdownLab.trackerUrl + "/control.png'><script>window.__pwned=1</script>");
        const r = JSON.parse(evaluate(probe));
        compare(r.pwned, "number");
        tryVerify(() => MarkdownLab.trackerHits > hits, 10000);
    }

    function test_payloads_data() {
        return MarkdownLab.payloads().map(p => ({ tag: p.name, html: p.html }));
    }
    function test_payloads(data) {
        const hits = MarkdownLab.trackerHits;
        loadAndWait(data.html);
        const r = JSON.parse(evaluate(probe));
        compare(r.pwned, "undefined");
        compare(r.active, 0);
        compare(r.badLinks, 0);
        verify(MarkdownLab.trackerHits === hits, MarkdownLab.trackerRequests());
    }
}
