
p
%options/features_full_name_user.proto options/features_full_name.proto"
User
m (2.MRmbeditionspè