using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Quartermaster.Examples.Webhooks;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// docs/receiving-webhooks.md shows tenants how to verify a delivery's signature in C# and Python. The two examples
/// under docs/examples/webhooks are checked here against signatures computed independently (with HMACSHA256), and
/// the doc's code blocks must be the same text as those files, so what a reader copies is what was tested.
/// </summary>
public sealed class ReceivingWebhooksDocTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"eventId":"0000000000000a1b00000000000000c7","type":"order.shipped","createdAt":"2026-03-14T09:26:50Z","data":{"orderId":"so-5001","note":"Größe \u00e9"}}""");

    private readonly string _secret = NewSecret();
    private readonly string _otherSecret = NewSecret();

    // ---- the C# example ----

    [Fact]
    public void A_single_valid_signature_is_accepted()
    {
        var header = $"t={Now.ToUnixTimeSeconds()},v1={Sign(_secret, Now.ToUnixTimeSeconds(), Body)}";
        Assert.True(WebhookSignature.Verify(_secret, header, Body, Now, Tolerance));
    }

    [Fact]
    public void During_a_rotation_a_match_on_the_second_v1_is_accepted()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Sign(_otherSecret, t, Body)},v1={Sign(_secret, t, Body)}";
        Assert.True(WebhookSignature.Verify(_secret, header, Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify(_otherSecret, header, Body, Now, Tolerance));
        Assert.False(WebhookSignature.Verify(NewSecret(), header, Body, Now, Tolerance));
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Sign(_secret, t, Body)}";
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 0x01;
        Assert.False(WebhookSignature.Verify(_secret, header, tampered, Now, Tolerance));
        Assert.False(WebhookSignature.Verify(_secret, header, [.. Body, (byte)' '], Now, Tolerance));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Sign(_otherSecret, t, Body)}";
        Assert.False(WebhookSignature.Verify(_secret, header, Body, Now, Tolerance));
        // The key is the whole secret, prefix included: signing with only the part after "whsec_" does not match.
        Assert.False(WebhookSignature.Verify(_secret, $"t={t},v1={Sign(_secret["whsec_".Length..], t, Body)}", Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-3600, false)]
    [InlineData(301, false)]
    [InlineData(-300, true)]
    [InlineData(299, true)]
    public void A_timestamp_outside_the_tolerance_is_refused(int offsetSeconds, bool accepted)
    {
        var t = Now.ToUnixTimeSeconds() + offsetSeconds;
        var header = $"t={t},v1={Sign(_secret, t, Body)}";
        Assert.Equal(accepted, WebhookSignature.Verify(_secret, header, Body, Now, Tolerance));
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void A_malformed_header_is_refused(string template)
    {
        var t = Now.ToUnixTimeSeconds();
        var header = Fill(template, _secret, t);
        Assert.False(WebhookSignature.Verify(_secret, header, Body, Now, Tolerance));
    }

    public static TheoryData<string> MalformedHeaders() =>
    [
        "",
        "garbage",
        "v1={sig}",
        "t={t}",
        "t={t},v1=",
        "t=,v1={sig}",
        "t=abc,v1={sig}",
        "t=-{t},v1={sig}",
        "t={t}.5,v1={sig}",
        "t={t},t={t},v1={sig}",
        "t={t};v1={sig}",
        "t={t}v1={sig}",
        "t={t},{sig}",
        "t={t},v1={sig}x",
        "t={t},v1={sig:short}",
        "t={t},v0={sig}",
        "t=99999999999999999999999,v1={sig}",
    ];

    [Fact]
    public void The_header_template_is_valid_before_it_is_broken()
    {
        // Guards the malformed cases: the same template without the damage is accepted.
        Assert.True(WebhookSignature.Verify(_secret, Fill("t={t},v1={sig}", _secret, Now.ToUnixTimeSeconds()), Body, Now, Tolerance));
        Assert.True(WebhookSignature.Verify(_secret, Fill(" t={t} , v2=ab , v1={sig} ", _secret, Now.ToUnixTimeSeconds()), Body, Now, Tolerance));
    }

    // ---- the Python example, run as a program ----

    [Fact]
    public async Task The_python_example_exits_0_for_a_valid_delivery()
    {
        var header = CurrentHeader(_otherSecret, _secret);
        Assert.Equal(0, await RunPython(Body, _secret, header, secretInEnvironment: false));
        Assert.Equal(0, await RunPython(Body, _secret, header, secretInEnvironment: true));
    }

    [Fact]
    public async Task The_python_example_exits_1_for_a_tampered_or_foreign_delivery()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 0x01;
        Assert.Equal(1, await RunPython(tampered, _secret, CurrentHeader(_secret), secretInEnvironment: false));
        Assert.Equal(1, await RunPython(Body, _secret, CurrentHeader(_otherSecret), secretInEnvironment: false));
        var stale = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        Assert.Equal(1, await RunPython(Body, _secret, $"t={stale},v1={Sign(_secret, stale, Body)}", secretInEnvironment: false));
        Assert.Equal(1, await RunPython(Body, _secret, Fill("t=abc,v1={sig}", _secret, stale), secretInEnvironment: false));
    }

    // ---- the doc shows the files as they are ----

    [Fact]
    public void The_docs_csharp_block_is_the_example_file()
    {
        var block = Assert.Single(CodeBlocks("csharp"), b => b.Contains("static class WebhookSignature", StringComparison.Ordinal));
        Assert.Equal(ReadExample("WebhookSignature.cs"), block);
    }

    [Fact]
    public void The_docs_python_block_is_the_example_file()
    {
        var block = Assert.Single(CodeBlocks("python"), b => b.Contains("def verify(", StringComparison.Ordinal));
        Assert.Equal(ReadExample("verify_webhook.py"), block);
    }

    [Fact]
    public void The_docs_relative_links_lead_to_files()
    {
        var doc = Path.Combine(RepositoryRoot(), "docs", "receiving-webhooks.md");
        var links = Regex.Matches(File.ReadAllText(doc), @"\]\((?!https?:|#)([^)#\s]+)")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(Path.Exists(Path.Combine(Path.GetDirectoryName(doc)!, link)), $"{link} does not exist"));
    }

    private static string NewSecret() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;" keyed with the secret's UTF-8 bytes, as the service signs.</summary>
    private static string Sign(string secret, long t, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var message = Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(hmac.ComputeHash(message));
    }

    private static string Fill(string template, string secret, long t)
    {
        var sig = Sign(secret, t, Body);
        return template.Replace("{sig:short}", sig[..62], StringComparison.Ordinal)
            .Replace("{sig}", sig, StringComparison.Ordinal)
            .Replace("{t}", t.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string CurrentHeader(params string[] secrets)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"t={t}," + string.Join(',', secrets.Select(s => "v1=" + Sign(s, t, Body)));
    }

    private static async Task<int> RunPython(byte[] body, string secret, string header, bool secretInEnvironment)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "docs", "examples", "webhooks", "verify_webhook.py"));
        if (secretInEnvironment)
        {
            start.Environment["QUARTERMASTER_WEBHOOK_SECRET"] = secret;
            start.Environment["QUARTERMASTER_SIGNATURE"] = header;
        }
        else
        {
            start.ArgumentList.Add(secret);
            start.ArgumentList.Add(header);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(body);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode is 0 or 1, $"python exited {process.ExitCode}: {await stdout}{await stderr}");
        return process.ExitCode;
    }

    /// <summary>The fenced code blocks of docs/receiving-webhooks.md with the given language, each as its text.</summary>
    private static List<string> CodeBlocks(string language)
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "receiving-webhooks.md")).ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][3..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            Assert.True(end > i, $"unclosed code block at line {i + 1}");
            if (info == language)
            {
                blocks.Add(string.Concat(lines[(i + 1)..end].Select(l => l + "\n")));
            }

            i = end;
        }

        return blocks;
    }

    private static string ReadExample(string name) =>
        File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "examples", "webhooks", name)).ReplaceLineEndings("\n");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
