"""Root fields of the metadata part of the API (mutations only: reads are each type's fields)."""

import graphene

from .mutations.delete_metadata import DeleteMetadata
from .mutations.delete_private_metadata import DeletePrivateMetadata
from .mutations.update_metadata import UpdateMetadata
from .mutations.update_private_metadata import UpdatePrivateMetadata


class MetaMutations(graphene.ObjectType):
    delete_metadata = DeleteMetadata.Field()
    delete_private_metadata = DeletePrivateMetadata.Field()
    update_metadata = UpdateMetadata.Field()
    update_private_metadata = UpdatePrivateMetadata.Field()
