using Quartermaster.Silo.Hosting;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddQuartermasterSilo();
var app = builder.Build();
app.MapSiloEndpoints();
app.Run();
return 0;
