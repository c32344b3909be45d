using Alerts.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddAlertsFunctionApp(builder.Configuration);
builder.Services.AddAlertsTelemetry(builder.Configuration);
builder.Build().Run();
