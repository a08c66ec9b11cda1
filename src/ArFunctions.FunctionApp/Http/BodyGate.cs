using System.Buffers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// Holds every HTTP function to its declared body limit (<see cref="BodyLimits"/>) before it runs: a declared
/// Content-Length over the limit is 413 without reading, and any other body (chunked, or with no length) is read at
/// most one byte past the limit, then 413 too. A body within the limit is handed to the function in memory, so no
/// function, signature check or parser ever reads more than its route allows.
/// </summary>
internal sealed class BodyGate(BodyLimits limits) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || limits.For(context.FunctionDefinition.Name) is not { } limit)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = http.Request;
        var body = request.ContentLength > limit ? null : await ReadAtMostAsync(request.Body, limit, request.ContentLength, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            context.GetInvocationResult().Value = Problems.TooLarge($"This route takes a body of at most {limit} bytes.").ToAction();
            return;
        }

        request.Body = body;
        request.ContentLength = body.Length;
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The body in memory, or null once it passes <paramref name="limit"/> (read no further than one byte beyond). The
    /// read buffer is pooled and the stream sized to the declared length: a request allocates its body, nothing more.
    /// </summary>
    private static async Task<MemoryStream?> ReadAtMostAsync(Stream source, int limit, long? declared, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream(declared is { } length ? (int)length : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        buffer.Position = 0;
        return buffer;
    }
}
