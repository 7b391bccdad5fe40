//! State that outlives one job and is shared by several (e.g. the cache of layer analyses
//! that the Layers pane and the comparison both use), kept by type so a new pane can add its
//! own without touching this file.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Shared {
    by_type: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Shared {
    /// The value of type `T`, made with `init` the first time it is asked for.
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let mut map = match self.by_type.lock() {
            Ok(m) => m,
            // A job panicked while holding the lock: the map itself is still sound.
            Err(poisoned) => poisoned.into_inner(),
        };
        let key = TypeId::of::<T>();
        if let Some(v) = map.get(&key).and_then(|v| v.clone().downcast::<T>().ok()) {
            return v;
        }
        let v = Arc::new(init());
        map.insert(key, v.clone());
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_type() {
        let s = Shared::default();
        let a = s.get_or_init(|| 41u32);
        let b = s.get_or_init(|| 7u32);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(*b, 41);
        assert_eq!(*s.get_or_init(|| String::from("x")), "x");
    }
}
