using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// Debian's chromium driven by Debian's chromedriver (scripts/test installs both), so nothing is downloaded at
/// run time. Every screenshot lands in <see cref="ScreenshotDirectory"/>, which the test prints.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private readonly ChromeDriver _driver;
    private int _shots;

    public HeadlessChromium(string screenshotDirectory)
    {
        ScreenshotDirectory = screenshotDirectory;
        Directory.CreateDirectory(screenshotDirectory);
        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: the suite runs as root in a container, where Chromium's sandbox cannot start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public string ScreenshotDirectory { get; }

    public string Url => _driver.Url;

    public string PageText => _driver.FindElement(By.TagName("body")).Text;

    public static bool IsInstalled => File.Exists(Browser) && File.Exists(Driver);

    public void Open(string url) => _driver.Navigate().GoToUrl(url);

    public void Type(string id, string text)
    {
        var input = _driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(text);
    }

    public void Click(string id) => _driver.FindElement(By.Id(id)).Click();

    public Cookie? Cookie(string name) => _driver.Manage().Cookies.GetCookieNamed(name);

    /// <summary>Waits until the page's visible text contains <paramref name="text"/> (in any case: CSS may capitalise it).</summary>
    public void WaitForText(string text, TimeSpan patience) =>
        Wait(d => d.FindElement(By.TagName("body")).Text.Contains(text, StringComparison.OrdinalIgnoreCase), patience, $"page text never contained '{text}'");

    public void WaitForUrl(Func<string, bool> condition, TimeSpan patience, string what) =>
        Wait(d => condition(d.Url), patience, what);

    public string Screenshot(string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{++_shots:00}-{name}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>Polls the condition; on timeout keeps a screenshot of what the browser showed instead.</summary>
    private void Wait(Func<IWebDriver, bool> condition, TimeSpan patience, string what)
    {
        try
        {
            // A page that navigates or re-renders between finding an element and reading it leaves the element
            // stale: that is the page still changing, so poll again rather than fail.
            var wait = new WebDriverWait(_driver, patience);
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
            wait.Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            var shot = Screenshot("timed-out");
            throw new TimeoutException($"Not within {patience}: {what} (at {_driver.Url}; screenshot {shot})");
        }
    }

    public void Dispose() => _driver.Quit();
}
