not a descriptor set
