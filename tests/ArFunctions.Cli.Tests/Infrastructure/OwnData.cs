namespace ArFunctions.Cli.Tests.Infrastructure;

/// <summary>
/// A user's own small portfolio and policy, written to a folder (nothing from samples/ or config/): two customers, one
/// invoice 5 days overdue on <see cref="Day"/> (the policy's email step) and one 1 day overdue (its call step).
/// </summary>
internal sealed class OwnData : IDisposable
{
    public static readonly DateOnly Day = new(2026, 12, 1);

    public const string PolicyVersion = "acme-2026-12";

    public OwnData()
    {
        File.WriteAllText(Policy, $$"""
            {
              "version": "{{PolicyVersion}}",
              "currency": { "base": "EUR" },
              "segments": [ { "id": "everyone", "default": true, "strategy": "simple", "team": "ar" } ],
              "strategies": [
                {
                  "id": "simple",
                  "steps": [
                    { "day": 1, "action": "call", "contactRole": "ap-clerk" },
                    { "day": 5, "action": "email", "template": "overdue" }
                  ]
                }
              ],
              "worklist": { "capacityPerCollector": 10, "collectors": [ { "id": "kim", "identity": "kim@acme.example", "team": "ar" } ] }
            }
            """);
        File.WriteAllLines(Customers,
        [
            "id,name,customerSince,creditScore,country,contactName,contactRole,contactEmail",
            "A1,Contoso GmbH,2020-01-01,70,DE,Pat Garcia,ap-clerk,pat@contoso.example",
            "A2,Fabrikam AG,2021-06-01,60,DE,Sam Smith,ap-clerk,sam@fabrikam.example",
        ]);
        File.WriteAllLines(Invoices,
        [
            "id,customerId,issueDate,dueDate,amount,openAmount,currency",
            "R-100,A1,2026-10-27,2026-11-26,1200.00,1200.00,EUR",
            "R-200,A2,2026-10-31,2026-11-30,800.00,800.00,EUR",
        ]);
        File.WriteAllLines(Payments, ["id,invoiceId,customerId,amount,currency,date,method"]);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("ar-own-data-").FullName;

    public string Policy => Path.Combine(Folder, "my-policy.json");

    public string Customers => Path.Combine(Folder, "customers.csv");

    public string Invoices => Path.Combine(Folder, "invoices.csv");

    public string Payments => Path.Combine(Folder, "payments.csv");

    public string Outbox => Path.Combine(Folder, "outbox");

    /// <summary>Writes a local.settings.json with <paramref name="values"/> (keys as the function app's, with "__").</summary>
    public string WriteSettings(IReadOnlyDictionary<string, string> values)
    {
        var path = Path.Combine(Folder, "local.settings.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
