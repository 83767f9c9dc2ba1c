using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Domain;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>
/// Photos' bytes in PostgreSQL (bytea, a shadow column of <c>report_photos</c>): saved in the same transaction as the
/// photo's record and read under the same tenant rules, or through the public view for published reports.
/// </summary>
public sealed class PostgresReportPhotoStore(AssessmentDbContext db) : IReportPhotoStore
{
    public const string ContentColumn = "Content";

    public void Add(ReportPhoto photo, byte[] content)
    {
        db.ReportPhotos.Add(photo);
        db.Entry(photo).Property(ContentColumn).CurrentValue = content;
    }

    public async Task<byte[]?> ReadAsync(Guid photoId, bool publishedOnly, CancellationToken cancellationToken) => publishedOnly
        ? await db.PublicReportPhotos.Where(p => p.Id == photoId).Select(p => p.Content).SingleOrDefaultAsync(cancellationToken)
        : await db.ReportPhotos.Where(p => p.Id == photoId).Select(p => EF.Property<byte[]>(p, ContentColumn)).SingleOrDefaultAsync(cancellationToken);
}
