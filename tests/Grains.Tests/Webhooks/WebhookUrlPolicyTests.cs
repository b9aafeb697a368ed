using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Webhooks;

public sealed class WebhookUrlPolicyTests
{
    private static readonly WebhookUrlPolicy Strict = new(new AllowedWebhookHosts([]));

    private static Task<string?> CheckAsync(string? url, params string[] allowedHosts) =>
        new WebhookUrlPolicy(new AllowedWebhookHosts(allowedHosts)).CheckAsync(url, CancellationToken.None).AsTask();

    [Theory]
    [InlineData("0.0.0.0", "reserved")]
    [InlineData("0.255.255.255", "reserved")]
    [InlineData("10.0.0.0", "private")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("100.64.0.0", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("100.100.100.200", "cloud metadata")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("169.254.0.1", "link-local")]
    [InlineData("169.254.255.255", "link-local")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("172.16.0.0", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.1", "reserved")]
    [InlineData("192.0.0.255", "reserved")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("192.168.255.255", "private")]
    [InlineData("198.18.0.0", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("[::]", "reserved")]
    [InlineData("[::1]", "loopback")]
    [InlineData("[fc00::1]", "private")]
    [InlineData("[fdff:ffff::1]", "private")]
    [InlineData("[fd00:ec2::254]", "cloud metadata")]
    [InlineData("[fe80::1]", "link-local")]
    [InlineData("[febf:ffff::1]", "link-local")]
    [InlineData("[ff02::1]", "multicast")]
    [InlineData("[::ffff:127.0.0.1]", "loopback")]
    [InlineData("[::ffff:10.9.8.7]", "private")]
    [InlineData("[::ffff:169.254.169.254]", "cloud metadata")]
    [InlineData("[::127.0.0.1]", "loopback")]
    [InlineData("[64:ff9b::192.168.1.1]", "private")]
    public async Task Every_blocked_range_is_refused_with_what_it_is(string host, string kind)
    {
        var reason = await CheckAsync($"https://{host}/hooks");

        Assert.NotNull(reason);
        Assert.StartsWith($"Resolves to a {kind} address (", reason);
        Assert.EndsWith("ask the operator to allow this host.", reason);
    }

    [Theory]
    [InlineData("https://2130706433/")]
    [InlineData("https://0x7f.0.0.1/")]
    [InlineData("https://127.1/")]
    public async Task Other_spellings_of_loopback_are_refused(string url)
    {
        Assert.Contains("loopback", await CheckAsync(url));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("[2606:4700:4700::1111]")]
    [InlineData("[2001:4860:4860::8888]")]
    [InlineData("[fbff::1]")]
    [InlineData("[::ffff:8.8.8.8]")]
    [InlineData("[64:ff9b::8.8.8.8]")]
    public async Task Public_addresses_are_accepted(string host)
    {
        Assert.Null(await CheckAsync($"https://{host}/hooks?tenant=1"));
        Assert.Null(await CheckAsync($"https://{host}:8443/"));
    }

    [Theory]
    [InlineData(null, "Required")]
    [InlineData("", "Required")]
    [InlineData("/hooks", "absolute https URL")]
    [InlineData("hooks.example.com/x", "absolute https URL")]
    [InlineData("ftp://8.8.8.8/x", "absolute https URL")]
    [InlineData("file:///etc/passwd", "absolute https URL")]
    [InlineData("http://8.8.8.8/hooks", "https")]
    [InlineData("http://hooks.example.com/hooks", "https")]
    [InlineData("https://user:pass@8.8.8.8/hooks", "credentials")]
    [InlineData("https://token@8.8.8.8/hooks", "credentials")]
    [InlineData("https://8.8.8.8/hooks#part", "fragment")]
    [InlineData("https://8.8.8.8/hooks#", "fragment")]
    public async Task Malformed_or_unsafe_urls_are_refused(string? url, string reason)
    {
        Assert.Contains(reason, await Strict.CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Urls_are_at_most_2048_characters()
    {
        var prefix = "https://8.8.8.8/";

        Assert.Null(await CheckAsync(prefix + new string('a', 2048 - prefix.Length)));
        Assert.Contains("2048", await CheckAsync(prefix + new string('a', 2049 - prefix.Length)));
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_unless_allowed()
    {
        Assert.Contains("loopback", await CheckAsync("https://localhost/hooks"));
        Assert.Null(await CheckAsync("https://localhost/hooks", "localhost"));
    }

    [Theory]
    [InlineData("http://localhost:8080/hooks", "localhost")]
    [InlineData("https://localhost/hooks", "LOCALHOST")]
    [InlineData("http://LocalHost/hooks", "localhost")]
    [InlineData("http://127.0.0.1:9000/", "127.0.0.1")]
    [InlineData("https://10.0.4.7/", "10.0.4.7")]
    [InlineData("http://[::1]:5000/", "::1")]
    [InlineData("http://[::1]:5000/", "[0:0::1]")]
    public async Task An_allowed_host_may_use_http_and_any_address(string url, string allowed)
    {
        Assert.Null(await CheckAsync(url, allowed));
    }

    [Theory]
    [InlineData("http://127.0.0.2/", "127.0.0.1")]
    [InlineData("https://sub.localhost/", "localhost")]
    [InlineData("http://10.0.4.7/", "10.0.4.70")]
    public async Task Allowed_hosts_match_exactly(string url, string allowed)
    {
        Assert.NotNull(await CheckAsync(url, allowed));
    }

    [Fact]
    public async Task An_allowed_host_still_may_not_carry_credentials_or_a_fragment()
    {
        Assert.Contains("credentials", await CheckAsync("http://a:b@localhost/", "localhost"));
        Assert.Contains("fragment", await CheckAsync("http://localhost/#x", "localhost"));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        Assert.Contains("does not resolve", await CheckAsync("https://no-such-host.invalid/hooks"));
    }
}
