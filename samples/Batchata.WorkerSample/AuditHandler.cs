namespace Batchata.WorkerSample;

/// <summary>Counts the requests that Batchata sends through the application's HTTP pipeline.</summary>
internal sealed class RequestAudit
{
    private int _count;

    public int Count => _count;

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>The application's own handler on Batchata's named <c>HttpClient</c>.</summary>
internal sealed class AuditHandler(RequestAudit audit) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        audit.Add();
        return base.SendAsync(request, cancellationToken);
    }
}
