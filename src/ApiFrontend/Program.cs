using Quartermaster.ApiFrontend.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddQuartermasterOrleans();
builder.AddQuartermasterApi();

var app = builder.Build();
app.UseQuartermasterApi();
app.Run();

/// <summary>Visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
