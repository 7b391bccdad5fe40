//! `/system/df` samples in every shape engines send, written after the Engine API's
//! reference (v1.41, v1.51, v1.52, v1.53) and what Docker 20.10 answers.

use super::*;

/// Docker 20.10 (API 1.41): lists at the top, `BuilderSize`, build cache records without parents.
const DF_1_41: &str = r#"{
  "LayersSize": 1092588,
  "Images": [
    {"Id": "sha256:2b8f", "ParentId": "", "RepoTags": ["busybox:latest"], "RepoDigests": null,
     "Created": 1466724217, "Size": 1092588, "SharedSize": 0, "VirtualSize": 1092588,
     "Labels": {}, "Containers": 1},
    {"Id": "sha256:51cf", "ParentId": "", "RepoTags": null, "RepoDigests": null,
     "Created": 1466724300, "Size": 300, "SharedSize": 100, "VirtualSize": 300,
     "Labels": null, "Containers": 0}],
  "Containers": [
    {"Id": "e575", "Names": ["/top"], "Image": "busybox", "ImageID": "sha256:2b8f",
     "Command": "top", "Created": 1466724219, "Ports": [], "SizeRw": 12, "SizeRootFs": 1092600,
     "Labels": {}, "State": "exited", "Status": "Exited (0) 56 minutes ago",
     "HostConfig": {"NetworkMode": "default"}, "Mounts": []},
    {"Id": "f001", "Names": ["/web"], "Image": "busybox", "ImageID": "sha256:2b8f",
     "Created": 1466724220, "SizeRw": 30, "State": "running", "Status": "Up 2 hours"}],
  "Volumes": [
    {"Name": "my-volume", "Driver": "local", "Mountpoint": "/var/lib/docker/volumes/my-volume/_data",
     "Labels": null, "Scope": "local", "Options": null, "UsageData": {"Size": 10920104, "RefCount": 2}},
    {"Name": "old", "Driver": "local", "Mountpoint": "/x", "UsageData": {"Size": 500, "RefCount": 0}},
    {"Name": "remote", "Driver": "nfs", "Mountpoint": "/y", "UsageData": {"Size": -1, "RefCount": -1}}],
  "BuildCache": [
    {"ID": "hw53o5aio51xtltp5xjp8v7fx", "Parent": "", "Type": "regular",
     "Description": "pulled from docker.io/library/debian@sha256:234", "InUse": false,
     "Shared": true, "Size": 0, "CreatedAt": "2021-06-28T13:31:01.474619385Z",
     "LastUsedAt": "2021-07-07T22:02:32.738075951Z", "UsageCount": 26},
    {"ID": "ndlpt0hhvkqcdfkputsk4cq9c", "Parent": "hw53o5aio51xtltp5xjp8v7fx", "Type": "regular",
     "Description": "mount / from exec /bin/sh -c echo 'hi' > /x", "InUse": false,
     "Shared": false, "Size": 51, "CreatedAt": "2021-06-28T13:31:03.002625487Z",
     "LastUsedAt": "2021-07-07T22:02:32.773909517Z", "UsageCount": 26},
    {"ID": "c6ogcozddknqh7lx4cdx5tqj2", "Type": "exec.cachemount",
     "Description": "cached mount /root/.cache/uv from exec /bin/sh -c uv sync", "InUse": true,
     "Shared": false, "Size": 4000, "CreatedAt": "2021-06-28T13:31:03Z",
     "LastUsedAt": null, "UsageCount": 3}],
  "BuilderSize": 4051
}"#;

/// API 1.51 as some engines write it: `" Parents"` with a leading space, no `BuilderSize`.
const DF_1_51: &str = r#"{
  "LayersSize": 0, "Images": [], "Containers": [], "Volumes": [],
  "BuildCache": [
    {"ID": "a1", " Parents": ["p1", "p2"], "Type": "regular", "Description": "x",
     "InUse": false, "Shared": false, "Size": 10, "CreatedAt": "2025-01-01T00:00:00Z",
     "LastUsedAt": "2025-01-02T00:00:00Z", "UsageCount": 1},
    {"ID": "a2", "Parents": ["a1"], "Type": "source.local", "Description": "local source for context",
     "InUse": false, "Shared": false, "Size": 20, "UsageCount": 2}]
}"#;

/// API 1.53 (and 1.52 with `verbose=1`): only the usage objects, with `Items`. The daemon's
/// build cache `TotalSize` is 0 here, as engines of that version send it.
const DF_1_53: &str = r#"{
  "ImageUsage": {"ActiveCount": 1, "TotalCount": 2, "TotalSize": 2000, "Reclaimable": 500,
    "Items": [
      {"Id": "sha256:aa", "RepoTags": ["app:1"], "Created": 1, "Size": 1500, "SharedSize": 0, "Containers": 1},
      {"Id": "sha256:bb", "RepoTags": [], "Created": 2, "Size": 500, "SharedSize": 0, "Containers": 0}]},
  "ContainerUsage": {"ActiveCount": 0, "TotalCount": 1, "TotalSize": 7, "Reclaimable": 7,
    "Items": [{"Id": "c1", "Names": ["/gone"], "Image": "app:1", "ImageID": "sha256:aa",
      "State": "exited", "Created": 3, "SizeRw": 7}]},
  "VolumeUsage": {"ActiveCount": 0, "TotalCount": 0, "TotalSize": 0, "Reclaimable": 0, "Items": []},
  "BuildCacheUsage": {"ActiveCount": 0, "TotalCount": 2, "TotalSize": 0, "Reclaimable": 300,
    "Items": [
      {"ID": "r1", "Parents": [], "Type": "regular", "Description": "d", "InUse": false,
       "Shared": false, "Size": 100, "CreatedAt": "2026-01-01T00:00:00Z",
       "LastUsedAt": "2026-01-01T00:00:00Z", "UsageCount": 1},
      {"ID": "m1", "Type": "exec.cachemount", "Description": "cached mount /root/.cache/uv",
       "InUse": false, "Shared": false, "Size": 200, "UsageCount": 4}]}
}"#;

/// API 1.52 without `verbose`: the legacy lists and the new summaries side by side.
const DF_1_52: &str = r#"{
  "LayersSize": 1000,
  "Images": [{"Id": "sha256:aa", "RepoTags": ["app:1"], "Size": 1000, "SharedSize": 0, "Containers": 0}],
  "Containers": [], "Volumes": [], "BuildCache": [],
  "ImageUsage": {"ActiveCount": 0, "TotalCount": 1, "TotalSize": 1000, "Reclaimable": 1000},
  "ContainerUsage": {"ActiveCount": 0, "TotalCount": 0, "TotalSize": 0, "Reclaimable": 0},
  "VolumeUsage": {"ActiveCount": 0, "TotalCount": 0, "TotalSize": 0, "Reclaimable": 0},
  "BuildCacheUsage": {"ActiveCount": 0, "TotalCount": 0, "TotalSize": 0, "Reclaimable": 0}
}"#;

fn totals(count: u64, active: u64, size: u64, reclaimable: u64) -> UsageTotals {
    UsageTotals {
        count,
        active,
        size,
        reclaimable,
    }
}

#[test]
fn the_1_41_shape_gives_docker_system_df_totals() {
    let df = parse_disk_usage(DF_1_41.as_bytes()).unwrap();
    assert_eq!(df.shape, DfShape::Legacy);
    // Images: size is LayersSize; reclaimable is what the images in use do not hold alone
    // (the docker CLI's count): here the image in use holds all of LayersSize.
    assert_eq!(df.images, totals(2, 1, 1_092_588, 0));
    assert!(df.image_items[1].dangling() && !df.image_items[0].dangling());
    // Containers: the exited one's writable layer is reclaimable.
    assert_eq!(df.containers, totals(2, 1, 42, 12));
    assert_eq!(df.container_items[0].name, "top");
    // Volumes: unknown sizes (-1) count as nothing.
    assert_eq!(df.volumes, totals(3, 1, 10_920_604, 500));
    assert_eq!(df.volume_items[2].size, None);
    // Build cache: the shared record is not counted; the one in use is not reclaimable.
    assert_eq!(df.build_cache, totals(3, 1, 4051, 51));
    let bc = &df.build_cache_items;
    assert!(bc[0].parents.is_empty(), "an empty Parent is no parent");
    assert_eq!(bc[1].parents, vec!["hw53o5aio51xtltp5xjp8v7fx"]);
    assert_eq!(bc[2].kind, "exec.cachemount");
    assert!(bc[2].in_use && bc[2].last_used_at.is_none());
    assert_eq!(bc[1].usage_count, 26);
    assert!(bc[1].created_at.is_some());
}

#[test]
fn the_1_51_shape_with_a_spaced_parents_key() {
    let df = parse_disk_usage(DF_1_51.as_bytes()).unwrap();
    assert_eq!(df.build_cache_items[0].parents, vec!["p1", "p2"]);
    assert_eq!(df.build_cache_items[1].parents, vec!["a1"]);
    assert_eq!(df.build_cache, totals(2, 0, 30, 30));
    assert_eq!(df.images, totals(0, 0, 0, 0));
}

#[test]
fn the_1_53_shape_sums_sizes_itself() {
    let df = parse_disk_usage(DF_1_53.as_bytes()).unwrap();
    assert_eq!(df.shape, DfShape::Usage);
    assert_eq!(df.images, totals(2, 1, 2000, 500));
    assert_eq!(df.containers, totals(1, 0, 7, 7));
    // The daemon said TotalSize 0: the records say 300.
    assert_eq!(df.build_cache, totals(2, 0, 300, 300));
    assert_eq!(df.build_cache_items.len(), 2);
    assert!(df.build_cache_items[1].parents.is_empty());
}

#[test]
fn the_1_52_default_shape_reads_the_lists() {
    let df = parse_disk_usage(DF_1_52.as_bytes()).unwrap();
    assert_eq!(df.shape, DfShape::Legacy);
    assert_eq!(df.images, totals(1, 0, 1000, 1000));
    assert_eq!(df.build_cache, totals(0, 0, 0, 0));
}

#[test]
fn summaries_without_items_are_used_as_they_are() {
    let body = r#"{"BuildCacheUsage": {"ActiveCount": 1, "TotalCount": 5, "TotalSize": 900, "Reclaimable": 400}}"#;
    let df = parse_disk_usage(body.as_bytes()).unwrap();
    assert_eq!(df.shape, DfShape::Usage);
    assert_eq!(df.build_cache, totals(5, 1, 900, 400));
    assert!(df.build_cache_items.is_empty());
}

#[test]
fn an_empty_or_null_answer_is_all_zero() {
    let df = parse_disk_usage(br#"{"Images": null, "BuildCache": null}"#).unwrap();
    assert_eq!(df.images, UsageTotals::default());
    assert_eq!(df.build_cache, UsageTotals::default());
    assert!(parse_disk_usage(b"42").is_err());
}

#[test]
fn podmans_zero_layers_size_is_not_taken_for_empty() {
    // Podman 4.3's answer: LayersSize 0, the image's own size and SharedSize 0.
    let body = r#"{"LayersSize":0,"Images":[{"Containers":2,"Created":1796113748,"Id":"8234ec77","Labels":{},"ParentId":"","RepoDigests":null,"RepoTags":["latest"],"SharedSize":0,"Size":2135252,"VirtualSize":0}],"Containers":[],"Volumes":[],"BuildCache":[]}"#;
    let df = parse_disk_usage(body.as_bytes()).unwrap();
    assert_eq!(df.images, totals(1, 1, 2_135_252, 0));
    // An engine with no images and LayersSize 0 is empty indeed.
    let empty = r#"{"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":[]}"#;
    assert_eq!(
        parse_disk_usage(empty.as_bytes()).unwrap().images,
        totals(0, 0, 0, 0)
    );
}
