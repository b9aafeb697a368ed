namespace Quartermaster.ApiFrontend.Hosting;

/// <summary>
/// The hosting mode when none is configured: the embedded demo in Development (the README's first command),
/// the frontend role everywhere else, so a production container never runs the demo by accident.
/// </summary>
public static class HostingModes
{
    public static HostingMode Resolve(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetSection(QuartermasterOptions.Section).GetValue<HostingMode?>(nameof(QuartermasterOptions.Hosting))
        ?? (environment.IsDevelopment() ? HostingMode.Embedded : HostingMode.Client);
}
