using ArFunctions.Application;
using ArFunctions.Email;
using ArFunctions.FunctionApp;
using ArFunctions.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddArFunctionsStorage();
builder.AddArFunctionsApplication();
builder.AddArFunctionsEmail();
builder.AddArFunctionsFunctionApp();

var app = builder.Build();
app.MapArFunctions();
app.Run();

/// <summary>The custom handler's entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
