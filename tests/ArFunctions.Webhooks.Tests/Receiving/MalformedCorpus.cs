using System.Globalization;
using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Receiving;

/// <summary>A generated corpus of bad requests: each must be refused (401 or 400) and write nothing.</summary>
public static class MalformedCorpus
{
    public sealed record Case(string Name, string Source, Func<WebhookHarness, Dictionary<string, string>> Headers, byte[] Body, bool ExpectUnauthorized);

    public static IEnumerable<Case> Generate(WebhookHarness h)
    {
        foreach (var body in BadStripeBodies().Concat(BadBodies()))
        {
            yield return new Case("stripe body " + Describe(body), "stripe", _ => StripeHeaders(h, body), body, false);
        }

        foreach (var body in BadStandardBodies().Concat(BadBodies()))
        {
            yield return new Case("standard body " + Describe(body), "payments", x => Send.StandardHeaders(x, "msg_bad", body), body, false);
        }

        var good = Encoding.UTF8.GetBytes(Send.StripeInvoicePaid("evt_good", "INV-1", 100));
        foreach (var (name, header) in BadStripeHeaders(h, good))
        {
            yield return new Case("stripe header " + name, "stripe", _ => header is null ? [] : new() { ["Stripe-Signature"] = header }, good, true);
        }

        var goodStandard = Encoding.UTF8.GetBytes(Send.Payment("payment.succeeded", "p1", 1m, "EUR", ("INV-1", 1m)));
        foreach (var (name, change) in BadStandardHeaders())
        {
            yield return new Case("standard header " + name, "payments", x => change(Send.StandardHeaders(x, "msg_h", goodStandard)), goodStandard, true);
        }
    }

    private static Dictionary<string, string> StripeHeaders(WebhookHarness h, byte[] body) =>
        new() { ["Stripe-Signature"] = StripeSignatureVerifier.Sign(WebhookHarness.StripeSecret, h.Clock.GetUtcNow().ToUnixTimeSeconds(), body) };

    private static string Describe(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return (text.Length > 60 ? text[..60] : text) + " #" + body.Length.ToString(CultureInfo.InvariantCulture);
    }

    private static IEnumerable<byte[]> BadBodies()
    {
        yield return [];
        yield return [0xff, 0xfe, 0x7b, 0x7d];
        yield return [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d];
        yield return Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100));
        yield return new byte[ReceiveWebhook.MaxBodyBytes + 1];
        foreach (var at in (string[])["\"id\":\"evt_\\ud800\"", "\"type\":\"invoice.paid\\ud800\"", "\"x\":\"\\udc00 unread\"", "\"\\ud800\":1", "\"x\":\"\\ud800\\u0041\""])
        {
            // A lone surrogate escaped in a string the parser reads, one it never reads, and a property name.
            yield return Encoding.UTF8.GetBytes("{" + at + ",\"data\":{\"object\":{\"id\":\"in_1\",\"amount_paid\":1,\"currency\":\"eur\"}}}");
        }

        yield return Encoding.UTF8.GetBytes(Send.StripeInvoicePaid("evt_s", "INV-\\ud800", 1000));
        yield return Encoding.UTF8.GetBytes(Send.StripeEvent("evt_s", "payment_intent.succeeded", """{"id":"pi_1","amount_received":5,"currency":"eur","customer":"cus_\udbff","metadata":{"invoice_id":"INV-1"}}"""));
        yield return [.. Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"x\":\""), 0xed, 0xa0, 0x80, .. Encoding.UTF8.GetBytes("\"}")];
        foreach (var text in (string[])["null", "[]", "42", "\"text\"", "{", "{\"type\":", "{}", "true", "{\"type\":null}", "{\"type\":42}"])
        {
            yield return Encoding.UTF8.GetBytes(text);
        }
    }

    private static IEnumerable<byte[]> BadStripeBodies()
    {
        var full = Send.StripeInvoicePaid("evt_t", "INV-1", 1000);
        for (var cut = 1; cut < full.Length; cut += 7)
        {
            yield return Encoding.UTF8.GetBytes(full[..cut]);
        }

        string[] objects =
        [
            """{"id":"in_1","amount_paid":"1000","currency":"eur"}""",
            """{"id":"in_1","amount_paid":10.5,"currency":"eur"}""",
            """{"id":"in_1","amount_paid":-5,"currency":"eur"}""",
            """{"id":"in_1","amount_paid":99999999999999999999999,"currency":"eur"}""",
            """{"id":"in_1","amount_paid":1e400,"currency":"eur"}""",
            """{"id":"in_1","amount_paid":1000,"currency":"euro"}""",
            """{"id":"in_1","amount_paid":1000,"currency":7}""",
            """{"id":"in_1","amount_paid":1000}""",
            """{"amount_paid":1000,"currency":"eur"}""",
            """{"id":"in/1","amount_paid":1000,"currency":"eur"}""",
            """{"id":"in_1","amount_paid":1000,"currency":"eur","metadata":{"invoice_id":5}}""",
            """{"id":"in_1","amount_paid":1000,"currency":"eur","number":["INV-1"]}""",
            """{"id":"in_1","amount_paid":1000,"currency":"eur","payment_intent":"pi|1"}""",
            "[]",
            "\"in_1\"",
        ];
        foreach (var type in (string[])["invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed"])
        {
            foreach (var obj in objects)
            {
                yield return Encoding.UTF8.GetBytes(Send.StripeEvent("evt_x", type, obj.Replace("amount_paid", type.EndsWith("failed", StringComparison.Ordinal) ? "amount_due" : "amount_paid", StringComparison.Ordinal)));
            }
        }

        yield return Encoding.UTF8.GetBytes("""{"type":"invoice.paid","data":{"object":{}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"","type":"invoice.paid","data":{"object":{}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"invoice.paid"}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"invoice.paid","data":[]}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"charge.refunded","data":{"object":{"id":"ch_1","amount_refunded":"5","currency":"eur"}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"charge.dispute.created","data":{"object":{"id":"dp_1","currency":"eur"}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount_received":true,"currency":"eur"}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":7,"type":"invoice.paid","data":{"object":{}}}""");
        yield return Encoding.UTF8.GetBytes("""{"id":"evt_1","type":["invoice.paid"],"data":{"object":{}}}""");
    }

    private static IEnumerable<byte[]> BadStandardBodies()
    {
        var full = Send.Payment("payment.succeeded", "pay-1", 10m, "EUR", ("INV-1", 6m), ("INV-2", 4m));
        for (var cut = 1; cut < full.Length; cut += 6)
        {
            yield return Encoding.UTF8.GetBytes(full[..cut]);
        }

        string[] datas =
        [
            """{"amount":10,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":5,"amount":10,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p#1","amount":10,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":"10","currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":-1,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":1e30,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":79228162514264337593543950336,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":0.00001,"currency":"EUR","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":10,"currency":"eu","paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":10,"paidOn":"2026-11-01"}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"01/11/2026"}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":20261101}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR"}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":{}}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[5]}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[{"amount":5}]}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[{"invoiceId":"A|B","amount":5}]}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[{"invoiceId":"A","amount":"5"}]}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[{"invoiceId":"A","amount":11}]}""",
            """{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[{"invoiceId":"A","amount":6},{"invoiceId":"B","amount":6}]}""",
            "[]",
            "null",
        ];
        foreach (var data in datas)
        {
            yield return Encoding.UTF8.GetBytes("""{"type":"payment.succeeded","data":""" + data + "}");
        }

        yield return Encoding.UTF8.GetBytes("""{"type":"payment.refunded","data":{"paymentId":"p1","amount":-3,"currency":"EUR"}}""");
        yield return Encoding.UTF8.GetBytes("""{"type":"dispute.created"}""");
        yield return Encoding.UTF8.GetBytes("""{"data":{"paymentId":"p1"}}""");
        var many = string.Join(",", Enumerable.Range(0, 101).Select(i => "{\"invoiceId\":\"I" + i.ToString(CultureInfo.InvariantCulture) + "\",\"amount\":0}"));
        yield return Encoding.UTF8.GetBytes("""{"type":"payment.succeeded","data":{"paymentId":"p1","amount":10,"currency":"EUR","paidOn":"2026-11-01","allocations":[""" + many + "]}}");
    }

    private static IEnumerable<(string, string?)> BadStripeHeaders(WebhookHarness h, byte[] body)
    {
        var now = h.Clock.GetUtcNow().ToUnixTimeSeconds();
        var good = StripeSignatureVerifier.Sign(WebhookHarness.StripeSecret, now, body);
        yield return ("missing", null);
        yield return ("empty", "");
        yield return ("no v1", $"t={now}");
        yield return ("no t", good[good.IndexOf(',', StringComparison.Ordinal)..]);
        yield return ("wrong secret", StripeSignatureVerifier.Sign("whsec_wrong", now, body));
        yield return ("old", StripeSignatureVerifier.Sign(WebhookHarness.StripeSecret, now - 301, body));
        yield return ("future", StripeSignatureVerifier.Sign(WebhookHarness.StripeSecret, now + 301, body));
        yield return ("negative t", good.Replace($"t={now}", $"t=-{now}", StringComparison.Ordinal));
        yield return ("huge t", good.Replace($"t={now}", "t=99999999999999999999", StringComparison.Ordinal));
        yield return ("t shifted", good.Replace($"t={now}", $"t={now + 1}", StringComparison.Ordinal));
        yield return ("v0 only", good.Replace("v1=", "v0=", StringComparison.Ordinal));
        yield return ("short hex", good[..^2]);
        yield return ("upper body sig flipped", good[..^1] + (good[^1] == 'a' ? 'b' : 'a'));
        yield return ("huge header", good + ",x=" + new string('a', 5000));
        for (var i = 0; i < 16; i++)
        {
            var bytes = Convert.FromHexString(good[^64..]);
            bytes[i * 2] ^= 0x01;
            yield return ("bit flip " + i.ToString(CultureInfo.InvariantCulture), good[..^64] + Convert.ToHexStringLower(bytes));
        }
    }

    private static IEnumerable<(string, Func<Dictionary<string, string>, Dictionary<string, string>>)> BadStandardHeaders()
    {
        foreach (var name in (string[])["webhook-id", "webhook-timestamp", "webhook-signature"])
        {
            yield return ("without " + name, h => { h.Remove(name); return h; });
            yield return ("empty " + name, h => { h[name] = ""; return h; });
        }

        yield return ("other id", h => { h["webhook-id"] = "msg_other"; return h; });
        yield return ("id with dot", h => { h["webhook-id"] = "msg.h"; return h; });
        yield return ("old", h => { h["webhook-timestamp"] = (long.Parse(h["webhook-timestamp"], CultureInfo.InvariantCulture) - 301).ToString(CultureInfo.InvariantCulture); return h; });
        yield return ("future", h => { h["webhook-timestamp"] = (long.Parse(h["webhook-timestamp"], CultureInfo.InvariantCulture) + 301).ToString(CultureInfo.InvariantCulture); return h; });
        yield return ("timestamp text", h => { h["webhook-timestamp"] = "yesterday"; return h; });
        yield return ("timestamp huge", h => { h["webhook-timestamp"] = "99999999999999999999"; return h; });
        yield return ("timestamp ms", h => { h["webhook-timestamp"] += "000"; return h; });
        yield return ("v2 scheme", h => { h["webhook-signature"] = h["webhook-signature"].Replace("v1,", "v2,", StringComparison.Ordinal); return h; });
        yield return ("no comma", h => { h["webhook-signature"] = h["webhook-signature"].Replace("v1,", "v1", StringComparison.Ordinal); return h; });
        yield return ("bad base64", h => { h["webhook-signature"] = "v1,!!!"; return h; });
        yield return ("short sig", h => { h["webhook-signature"] = "v1,AAAA"; return h; });
        yield return ("flipped sig", h => { h["webhook-signature"] = "v1," + Convert.ToBase64String(new byte[32]); return h; });
    }
}
