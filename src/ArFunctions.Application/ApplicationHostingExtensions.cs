using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.Application;

public static class ApplicationHostingExtensions
{
    /// <summary>The use cases and their options. The ports come from ArFunctions.Storage (AddArFunctionsStorage).</summary>
    public static IHostApplicationBuilder AddArFunctionsApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DailyRunOptions>().BindConfiguration(DailyRunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StartDailyRun>();
        builder.Services.AddSingleton<ProcessShard>();
        builder.Services.AddSingleton<FinalizeRun>();
        builder.Services.AddSingleton<Intake.Intake>();
        builder.Services.AddSingleton<Tasks.TaskAssigner>();
        builder.Services.AddSingleton<Tasks.CreateCallTask>();
        builder.Services.AddSingleton<Tasks.RecordTaskOutcome>();
        builder.Services.AddSingleton<Worklists.WorklistQuery>();
        return builder;
    }
}
