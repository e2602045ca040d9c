import PasserelleCore
import Testing

@Suite("Formats: description HTML")
struct FormatsHTMLSanitizerTests {
    @Test("Scripts go with their content, attributes and unknown tags go, text stays and is escaped")
    func briefExample() {
        let html =
            #"<script>alert(1)</script><p onclick="x">Hi <b>there</b> & co</p><a href="javascript:x">link</a>"#
        #expect(HTMLSanitizer.sanitize(html) == "<p>Hi <b>there</b> &amp; co</p>link")
        #expect(HTMLSanitizer.plainText(html) == "Hi there & co link")
    }

    @Test(
        "sanitize",
        arguments: [
            ("<P CLASS='x'>Hello<BR/>world</P>", "<p>Hello<br>world</p>"),
            ("<h2 id=a>Title</h2><h1>Big</h1><h5>small</h5>", "<h2>Title</h2>Bigsmall"),
            ("<ul><li>One<li>Two</ul>", "<ul><li>One</li><li>Two</li></ul>"),
            ("<ul><li>a<ol><li>b<li>c</ol></ul>", "<ul><li>a<ol><li>b</li><li>c</li></ol></li></ul>"),
            ("<p>one<p>two<h2>three<h3>four", "<p>one</p><p>two</p><h2>three</h2><h3>four</h3>"),
            ("<p>Unclosed <strong>bold", "<p>Unclosed <strong>bold</strong></p>"),
            ("</p>stray</b> end</br>", "stray end"),
            ("<p><em>crossed</p></em>", "<p><em>crossed</em></p>"),
            ("salary < 50k & more > less", "salary &lt; 50k &amp; more &gt; less"),
            ("1<2 and 3 <= 4", "1&lt;2 and 3 &lt;= 4"),
            ("caf&eacute; &amp; th&#233; &#x1F600; &copy; &unknown; &amp", "café &amp; thé 😀 © &amp;unknown; &amp;amp"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("a<!-- <script>x</script> -->b<!DOCTYPE html>c<?xml?>d", "abcd"),
            (#"<img src=x onerror="alert(1)">pic<iframe src="//evil">inner <b>x</b></iframe>after"#, "picafter"),
            ("<style>p { color: red }</style><p>styled</p>", "<p>styled</p>"),
            ("<SCRIPT type=text/javascript>a</script >b", "b"),
            ("<script>never closed <p>text", ""),
            (#"<a title="x > y" href='a>b'>link</a>"#, "link"),
            ("<object data=x><param name=a>fallback</object>ok", "ok"),
            ("text <b", "text "),
            ("</>ok", "ok"),
            ("<i>a</i>\u{0}<em>b</em>", "<i>a</i><em>b</em>"),
            ("Ünïcödé «ok» 北京\u{00A0}✓", "Ünïcödé «ok» 北京\u{00A0}✓"),
        ])
    func sanitize(html: String, expected: String) {
        let sanitized = HTMLSanitizer.sanitize(html)
        #expect(sanitized == expected)
        #expect(HTMLSanitizer.sanitize(sanitized) == sanitized, "sanitising twice changes nothing")
    }

    @Test(
        "plainText",
        arguments: [
            (
                "<h2>Poste</h2><p>Rejoignez&nbsp;nous</p><ul><li>Swift</li><li>SQL</li></ul>",
                "Poste Rejoignez nous Swift SQL"
            ),
            ("<b>Dév</b>eloppeuse", "Développeuse"),
            ("  line\n\n  break\tand<br>more  ", "line break and more"),
            ("<div>a</div><div>b</div><span>c</span>d", "a b cd"),
            ("&lt;not a tag&gt; &amp;&#39;", "<not a tag> &'"),
            ("<style>x{}</style><script>y()</script>", ""),
        ])
    func plainText(html: String, expected: String) {
        #expect(HTMLSanitizer.plainText(html) == expected)
    }
}
