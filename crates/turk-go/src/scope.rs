pub fn rank() {}
