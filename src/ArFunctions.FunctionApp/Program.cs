using ArFunctions.Application;
using ArFunctions.Email;
using ArFunctions.FunctionApp;
using ArFunctions.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddArFunctionsStorage();
builder.AddArFunctionsApplication();
builder.AddArFunctionsEmail();
builder.AddArFunctionsFunctionApp();
builder.Build().Run();
