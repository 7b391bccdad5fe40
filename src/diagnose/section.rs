//! The guide's sections as a type: every rule and finding names the heading of the
//! optimization guide it comes from, and the Doctor checklist groups by them.

use serde::{Serialize, Serializer};

/// A heading of the optimization guide (`docker-optimization-guide.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    // Key Optimizations
    OfficialUvImages,
    MultiStageBuild,
    DependencyLayerSeparation,
    BuildOptimizations,
    SecurityEnhancements,
    PerformanceFeatures,
    // Build Performance
    CacheUtilization,
    LayerOptimization,
    FileStructure,
    EnvironmentVariables,
    ImageSizeComparison,
    // Security Considerations
    NonRootUser,
    FilePermissions,
    ExcludedFiles,
    // Troubleshooting › Build Issues
    BuildCacheProblems,
    BuildPermissionErrors,
    BuildNetworkIssues,
    // Troubleshooting › Runtime Issues
    HealthCheckFailures,
    RuntimePermissionErrors,
    DatabaseConnection,
}

/// The parts of the guide a checklist groups its items by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    BuildIssues,
    RuntimeIssues,
    Security,
    Image,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::BuildIssues => "Build issues",
            Group::RuntimeIssues => "Runtime issues",
            Group::Security => "Security",
            Group::Image => "Image size and layers",
        }
    }
}

impl Section {
    pub const ALL: [Section; 20] = [
        Section::OfficialUvImages,
        Section::MultiStageBuild,
        Section::DependencyLayerSeparation,
        Section::BuildOptimizations,
        Section::SecurityEnhancements,
        Section::PerformanceFeatures,
        Section::CacheUtilization,
        Section::LayerOptimization,
        Section::FileStructure,
        Section::EnvironmentVariables,
        Section::ImageSizeComparison,
        Section::NonRootUser,
        Section::FilePermissions,
        Section::ExcludedFiles,
        Section::BuildCacheProblems,
        Section::BuildPermissionErrors,
        Section::BuildNetworkIssues,
        Section::HealthCheckFailures,
        Section::RuntimePermissionErrors,
        Section::DatabaseConnection,
    ];

    /// The heading as the guide writes it (without its numbering and emphasis).
    pub fn heading(self) -> &'static str {
        match self {
            Section::OfficialUvImages => "Official uv Docker Images",
            Section::MultiStageBuild => "Multi-Stage Build",
            Section::DependencyLayerSeparation => "Dependency Layer Separation",
            Section::BuildOptimizations => "Build Optimizations",
            Section::SecurityEnhancements => "Security Enhancements",
            Section::PerformanceFeatures => "Performance Features",
            Section::CacheUtilization => "Cache Utilization",
            Section::LayerOptimization => "Layer Optimization",
            Section::FileStructure => "File Structure in Container",
            Section::EnvironmentVariables => "Environment Variables",
            Section::ImageSizeComparison => "Image Size Comparison",
            Section::NonRootUser => "Non-Root User",
            Section::FilePermissions => "File Permissions",
            Section::ExcludedFiles => "Excluded Files",
            Section::BuildCacheProblems => "Cache problems",
            Section::BuildPermissionErrors => "Permission errors (build)",
            Section::BuildNetworkIssues => "Network issues",
            Section::HealthCheckFailures => "Health check failures",
            Section::RuntimePermissionErrors => "Permission errors (runtime)",
            Section::DatabaseConnection => "Database connection",
        }
    }

    /// Where the heading sits in the guide, e.g. `Troubleshooting › Runtime Issues`.
    pub fn parent(self) -> &'static str {
        use Section::*;
        match self {
            OfficialUvImages
            | MultiStageBuild
            | DependencyLayerSeparation
            | BuildOptimizations
            | SecurityEnhancements
            | PerformanceFeatures => "Key Optimizations",
            CacheUtilization | LayerOptimization => "Build Performance",
            FileStructure | EnvironmentVariables | ImageSizeComparison => "",
            NonRootUser | FilePermissions | ExcludedFiles => "Security Considerations",
            BuildCacheProblems | BuildPermissionErrors | BuildNetworkIssues => {
                "Troubleshooting › Build Issues"
            }
            HealthCheckFailures | RuntimePermissionErrors | DatabaseConnection => {
                "Troubleshooting › Runtime Issues"
            }
        }
    }

    /// `Troubleshooting › Runtime Issues › Health check failures`.
    pub fn path(self) -> String {
        match self.parent() {
            "" => self.heading().to_string(),
            p => format!("{p} › {}", self.heading()),
        }
    }

    /// A stable slug for machines (JSON `section_id`, SARIF tags, suppression files).
    pub fn slug(self) -> &'static str {
        match self {
            Section::OfficialUvImages => "official-uv-images",
            Section::MultiStageBuild => "multi-stage-build",
            Section::DependencyLayerSeparation => "dependency-layer-separation",
            Section::BuildOptimizations => "build-optimizations",
            Section::SecurityEnhancements => "security-enhancements",
            Section::PerformanceFeatures => "performance-features",
            Section::CacheUtilization => "cache-utilization",
            Section::LayerOptimization => "layer-optimization",
            Section::FileStructure => "file-structure",
            Section::EnvironmentVariables => "environment-variables",
            Section::ImageSizeComparison => "image-size-comparison",
            Section::NonRootUser => "non-root-user",
            Section::FilePermissions => "file-permissions",
            Section::ExcludedFiles => "excluded-files",
            Section::BuildCacheProblems => "build-cache-problems",
            Section::BuildPermissionErrors => "build-permission-errors",
            Section::BuildNetworkIssues => "build-network-issues",
            Section::HealthCheckFailures => "health-check-failures",
            Section::RuntimePermissionErrors => "runtime-permission-errors",
            Section::DatabaseConnection => "database-connection",
        }
    }

    /// The checklist group the section belongs to.
    pub fn group(self) -> Group {
        use Section::*;
        match self {
            BuildCacheProblems | BuildPermissionErrors | BuildNetworkIssues => Group::BuildIssues,
            HealthCheckFailures
            | RuntimePermissionErrors
            | DatabaseConnection
            | EnvironmentVariables => Group::RuntimeIssues,
            SecurityEnhancements | NonRootUser | FilePermissions | ExcludedFiles => Group::Security,
            OfficialUvImages
            | MultiStageBuild
            | DependencyLayerSeparation
            | BuildOptimizations
            | PerformanceFeatures
            | CacheUtilization
            | LayerOptimization
            | FileStructure
            | ImageSizeComparison => Group::Image,
        }
    }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.heading())
    }
}

/// Serialized as the heading people read (`"Multi-Stage Build"`), as in earlier output.
impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.heading())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_slugs_are_unique() {
        let mut h: Vec<&str> = Section::ALL.iter().map(|s| s.heading()).collect();
        let mut s: Vec<&str> = Section::ALL.iter().map(|s| s.slug()).collect();
        h.sort_unstable();
        h.dedup();
        s.sort_unstable();
        s.dedup();
        assert_eq!(h.len(), Section::ALL.len());
        assert_eq!(s.len(), Section::ALL.len());
    }

    #[test]
    fn paths_read_like_the_guide() {
        assert_eq!(
            Section::HealthCheckFailures.path(),
            "Troubleshooting › Runtime Issues › Health check failures"
        );
        assert_eq!(Section::ImageSizeComparison.path(), "Image Size Comparison");
        assert_eq!(Section::BuildNetworkIssues.group(), Group::BuildIssues);
    }
}
