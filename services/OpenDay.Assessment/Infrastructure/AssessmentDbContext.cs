using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure.Outbox;
using OpenDay.Platform.Data;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Assessment.Infrastructure;

public class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options, CallerContext caller)
    : TenantDbContext(options, caller)
{
    public DbSet<Opinion> Opinions => Set<Opinion>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportPhoto> ReportPhotos => Set<ReportPhoto>();
    public DbSet<ReportPublicationRecord> ReportPublications => Set<ReportPublicationRecord>();
    public DbSet<PublicReportRow> PublicReports => Set<PublicReportRow>();
    public DbSet<PublicOpinionRow> PublicOpinions => Set<PublicOpinionRow>();
    public DbSet<PublicReportPhotoRow> PublicReportPhotos => Set<PublicReportPhotoRow>();
    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();
    public DbSet<QuestionnaireAnswer> QuestionnaireAnswers => Set<QuestionnaireAnswer>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<ScoreYear> ScoreYears => Set<ScoreYear>();
    public DbSet<RubricChange> RubricChanges => Set<RubricChange>();
    public DbSet<ScoreSnapshot> ScoreSnapshots => Set<ScoreSnapshot>();
    public DbSet<UnitScoreRecord> UnitScores => Set<UnitScoreRecord>();

    /// <summary>The unit of an open questionnaire, for the public routes that come with nothing but its id; null when none is open.</summary>
    public Task<string?> FindOpenQuestionnaireTenantAsync(Guid id, CancellationToken cancellationToken) =>
        Database.SqlQuery<string?>($"SELECT open_questionnaire_tenant({id}) AS \"Value\"").SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Opinion>(o =>
        {
            o.ToTable("opinions");
            o.Property(x => x.AssignedTenantId).HasColumnName("ResponsibleUnitCode");
            o.Property(x => x.RaisedBy).HasMaxLength(50);
            o.Property(x => x.RaisedByCategory).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.Text).HasMaxLength(4000);
            o.Property(x => x.Topic).HasMaxLength(100);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(40);
            o.Property(x => x.Explanation).HasMaxLength(OpinionLifecycle.MaxExplanation);
            o.Property(x => x.Answer).HasMaxLength(OpinionLifecycle.MaxAnswer);
            o.Property(x => x.HandBackReason).HasMaxLength(OpinionLifecycle.MaxReason);
            o.Property(x => x.History).AsJson();
            o.Property(x => x.Version).IsRowVersion();
            o.HasIndex(x => x.EventId);
            // The county's overdue view: open opinions by due date.
            o.HasIndex(x => new { x.Status, x.DueDate });
        });
        modelBuilder.Entity<Report>(r =>
        {
            r.ToTable("reports");
            r.Property(x => x.EventTitle).HasMaxLength(200);
            r.Property(x => x.Summary).HasMaxLength(Infrastructure.Reports.MaxSummary);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.Attendance).AsJson();
            r.Property(x => x.Corrections).AsJson();
            r.Property(x => x.Version).IsRowVersion();
            r.HasIndex(x => x.EventId).IsUnique(); // one report per event, even when two drafts race
        });
        modelBuilder.Entity<ReportPhoto>(p =>
        {
            p.ToTable("report_photos");
            p.Property(x => x.ContentType).HasMaxLength(40);
            p.Property(x => x.Caption).HasMaxLength(200);
            p.Property<byte[]>(PostgresReportPhotoStore.ContentColumn);
            p.HasIndex(x => x.ReportId);
        });
        modelBuilder.Entity<ReportPublicationRecord>(c =>
        {
            c.ToTable("report_publications");
            c.HasKey(x => x.Sequence);
            c.Property(x => x.Sequence).UseIdentityAlwaysColumn();
            c.Property(x => x.Rejection).HasMaxLength(1000);
            c.HasIndex(x => x.DeliveredAt);
        });
        modelBuilder.Entity<PublicReportRow>(row =>
        {
            row.ToView("public_reports");
            row.HasNoKey();
            row.Property(x => x.Attendance).AsJson();
            row.Property(x => x.Corrections).AsJson();
        });
        modelBuilder.Entity<PublicOpinionRow>(row =>
        {
            row.ToView("public_opinions");
            row.HasNoKey();
            row.Property(x => x.RaisedByCategory).HasConversion<string>();
            row.Property(x => x.Outcome).HasConversion<string>();
        });
        modelBuilder.Entity<PublicReportPhotoRow>(row =>
        {
            row.ToView("public_report_photos");
            row.HasNoKey();
        });
        modelBuilder.Entity<Questionnaire>(q =>
        {
            q.ToTable("questionnaires");
            q.Property(x => x.Title).HasMaxLength(QuestionnaireRules.MaxTitle);
            q.Property(x => x.PolicyName).HasMaxLength(QuestionnaireRules.MaxPolicyName);
            q.Property(x => x.PolicyIssuedBy).HasMaxLength(QuestionnaireRules.MaxPolicyName);
            q.Property(x => x.PolicyDescription).HasMaxLength(QuestionnaireRules.MaxPolicyDescription);
            q.Property(x => x.Questions).AsJson();
            q.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            q.Property(x => x.Version).IsRowVersion();
            q.HasIndex(x => x.EventId);
        });
        modelBuilder.Entity<QuestionnaireAnswer>(a =>
        {
            a.ToTable("questionnaire_answers");
            a.Property(x => x.EnteredBy).HasMaxLength(100);
            a.Property(x => x.Items).AsJson();
            // One code answers a questionnaire once, even when two submissions race; paper answers have no code.
            a.HasIndex(x => new { x.QuestionnaireId, x.CodeHash }).IsUnique();
        });
        modelBuilder.Entity<Inspection>(i =>
        {
            i.ToTable("inspections");
            i.Property(x => x.AssignedTenantId).HasColumnName("UnitCode");
            i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Rating).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Findings).HasMaxLength(InspectionRules.MaxFindings);
            i.Property(x => x.RectificationRequired).HasMaxLength(InspectionRules.MaxRectification);
            i.Property(x => x.RectificationNote).HasMaxLength(InspectionRules.MaxRectification);
            i.Property(x => x.RecordedBy).HasMaxLength(100);
            i.Property(x => x.Version).IsRowVersion();
            i.HasIndex(x => x.InspectedOn);
        });
        modelBuilder.Entity<ScoreYear>(y =>
        {
            y.ToTable("score_years");
            y.HasKey(x => x.Year);
            y.Property(x => x.Year).ValueGeneratedNever();
            y.Property(x => x.Criteria).AsJson();
            y.Property(x => x.UpdatedBy).HasMaxLength(100);
            y.Property(x => x.FinalisedBy).HasMaxLength(100);
            y.Property(x => x.Version).IsRowVersion();
        });
        modelBuilder.Entity<RubricChange>(c =>
        {
            c.ToTable("rubric_changes");
            c.Property(x => x.ChangedBy).HasMaxLength(100);
            c.Property(x => x.Before).AsJson();
            c.Property(x => x.After).AsJson();
            c.HasIndex(x => x.Year);
        });
        modelBuilder.Entity<ScoreSnapshot>(s =>
        {
            s.ToTable("score_snapshots");
            s.Property(x => x.ComputedBy).HasMaxLength(100);
            s.Property(x => x.Rubric).AsJson();
            s.HasIndex(x => new { x.Year, x.ComputedAt });
        });
        modelBuilder.Entity<UnitScoreRecord>(u =>
        {
            u.ToTable("unit_scores");
            u.Property(x => x.AssignedTenantId).HasColumnName("UnitCode");
            u.Property(x => x.UnitName).HasMaxLength(200);
            u.Property(x => x.UnitKind).HasConversion<string>().HasMaxLength(40);
            u.Property(x => x.Total).HasPrecision(8, 2);
            u.Property(x => x.Criteria).AsJson();
            u.HasIndex(x => new { x.SnapshotId, x.Rank });
            u.HasIndex(x => x.AssignedTenantId);
        });
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>Lists kept whole in one jsonb column (an opinion's history, a report's attendance and corrections).</summary>
internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property) => property
        .HasColumnType("jsonb")
        .HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<List<T>>(s, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!));
}

public static class Reports
{
    public const int MaxSummary = 20000;
}
