using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Customer rows: PartitionKey = the customer's shard, RowKey = the customer id. Contacts are one JSON string
/// property (camelCase, kebab-case enum values), so a customer is always one entity however many contacts it has.
/// </summary>
public static class CustomerEntityMapper
{
    private static readonly JsonSerializerOptions ContactJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TableEntity ToEntity(Customer customer, string partitionKey) => new(partitionKey, customer.Id.Value)
    {
        ["name"] = customer.Name,
        ["country"] = customer.Country,
        ["industry"] = customer.Industry,
        ["type"] = customer.Type,
        ["creditScore"] = customer.CreditScore,
        ["riskClass"] = KebabName<RiskClass>.Format(customer.RiskClass),
        ["paymentMethod"] = KebabName<PaymentMethod>.Format(customer.PaymentMethod),
        ["invoicingMode"] = KebabName<InvoicingMode>.Format(customer.InvoicingMode),
        ["creditTermsDays"] = customer.CreditTermsDays,
        ["customerSince"] = EntityValues.FromDate(customer.CustomerSince),
        ["marginPct"] = customer.MarginPct is { } margin ? EntityValues.FromDecimal(margin) : null,
        ["assignedCollector"] = customer.AssignedCollector,
        ["excluded"] = customer.Excluded,
        ["contacts"] = JsonSerializer.Serialize(customer.Contacts.Select(ToDocument).ToArray(), ContactJson),
    };

    public static Customer FromEntity(TableEntity entity) => new()
    {
        Id = CustomerId.TryCreate(entity.RowKey, out var id, out var error) ? id : throw EntityValues.Broken(entity, "RowKey", error!),
        Name = EntityValues.RequiredString(entity, "name"),
        Country = EntityValues.RequiredString(entity, "country"),
        Industry = EntityValues.RequiredString(entity, "industry"),
        Type = EntityValues.RequiredString(entity, "type"),
        CreditScore = entity.GetInt32("creditScore"),
        RiskClass = EntityValues.RequiredEnum<RiskClass>(entity, "riskClass"),
        PaymentMethod = EntityValues.RequiredEnum<PaymentMethod>(entity, "paymentMethod"),
        InvoicingMode = EntityValues.RequiredEnum<InvoicingMode>(entity, "invoicingMode"),
        CreditTermsDays = EntityValues.RequiredInt(entity, "creditTermsDays"),
        CustomerSince = EntityValues.RequiredDate(entity, "customerSince"),
        MarginPct = EntityValues.OptionalDecimal(entity, "marginPct"),
        AssignedCollector = entity.GetString("assignedCollector"),
        Excluded = EntityValues.RequiredBool(entity, "excluded"),
        Contacts = ReadContacts(entity),
    };

    private static Contact[] ReadContacts(TableEntity entity)
    {
        var json = EntityValues.RequiredString(entity, "contacts");
        ContactDocument[]? documents;
        try
        {
            documents = JsonSerializer.Deserialize<ContactDocument[]>(json, ContactJson);
        }
        catch (JsonException e)
        {
            throw EntityValues.Broken(entity, "contacts", "is not a JSON array of contacts: " + e.Message);
        }

        return documents is null ? [] : Array.ConvertAll(documents, d => FromDocument(entity, d));
    }

    private static ContactDocument ToDocument(Contact contact) => new(
        contact.Name,
        KebabName<ContactRole>.Format(contact.Role),
        contact.Email,
        contact.Phone,
        KebabName<ContactChannel>.Format(contact.PreferredChannel),
        contact.PreferredTime);

    private static Contact FromDocument(TableEntity entity, ContactDocument document)
    {
        if (!KebabName<ContactRole>.TryParse(document.Role, out var role)
            || !KebabName<ContactChannel>.TryParse(document.PreferredChannel, out var channel))
        {
            throw EntityValues.Broken(entity, "contacts", $"holds an unknown role '{document.Role}' or channel '{document.PreferredChannel}'");
        }

        return new Contact(document.Name, role, document.Email, document.Phone, channel, document.PreferredTime);
    }

    private sealed record ContactDocument(string Name, string Role, string? Email, string? Phone, string PreferredChannel, string? PreferredTime);
}
